using CrmSuite.Gateway.Infrastructure;
using CrmSuite.Testing;

[assembly: AssemblyFixture(typeof(SharedPostgresLifetime))]

namespace CrmSuite.Gateway.Tests;

/// <summary>
/// The gateway's own database (sessions, data-protection keys), migrated by its `migrate` step, in
/// the test process's throw-away PostgreSQL. Tests that never sign in share one.
/// </summary>
public static class GatewayTestDatabase
{
    private static readonly Lazy<Task<string>> SharedDatabase = new(() => CreateAsync("gateway_shared"));

    /// <summary>A database for gateways that only serve anonymous requests.</summary>
    public static string Shared => SharedDatabase.Value.GetAwaiter().GetResult();

    public static async Task<string> CreateAsync(string prefix)
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync(prefix);
        Assert.Equal(0, await GatewayDatabase.MigrateAsync(["migrate", $"--ConnectionStrings:{GatewayDatabase.Name}={connectionString}"]));
        return connectionString;
    }
}
