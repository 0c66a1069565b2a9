using System.Net;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CrmSuite.StartupTests;

/// <summary>
/// A service refuses to serve against a schema older than its own (a rolled-back database, a
/// migration hook that failed): /health is unhealthy, so Kubernetes keeps the pod out of its Service,
/// requests get 503 with the one line that says what to run, and after `migrate` the same process serves.
/// </summary>
public sealed class SchemaCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_against_a_database_one_migration_behind_is_unhealthy_and_refuses_until_migrate_has_run()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("clientsdb");
        var dll = ProductionServices.Dll("clients");
        var migrate = new Dictionary<string, string> { ["ConnectionStrings__clientsdb"] = database };
        await using (var migration = new ServiceProcess(dll, migrate, "migrate"))
        {
            await migration.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }
        var (previous, latest) = await RollBackOneMigrationAsync(database);

        var line = $"database clientsdb is at migration {previous}, this version needs {latest}: run `clients migrate`";

        // The same process, once migrated: a request reaches the service (which asks for a token).
        await AssertRefusedUntilMigratedAsync("clients", "clientsdb", database, line, "/v1/companies", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_gateway_against_a_database_never_migrated_is_unhealthy_and_refuses_until_migrate_has_run()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("gatewaydb");
        var latest = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "gateway/CrmSuite.Gateway/Infrastructure/Migrations"), "*_*.cs")
            .Select(Path.GetFileNameWithoutExtension).Where(n => !n!.EndsWith(".Designer", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Last();
        var line = $"database gatewaydb is at migration (none), this version needs {latest}: run `gateway migrate`";

        // Once migrated, a request is routed again (an unknown API path: its 404, which needs no other service).
        await AssertRefusedUntilMigratedAsync("gateway", "gatewaydb", database, line, "/api/unknown/v1/things", HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Starts <paramref name="service"/> in Production on <paramref name="database"/>: it logs <paramref name="line"/> once,
    /// its /health is 503 and /alive 200, <paramref name="path"/> gets 503 naming the line; after `migrate` the same
    /// process turns healthy and <paramref name="path"/> answers <paramref name="served"/>.
    /// </summary>
    private static async Task AssertRefusedUntilMigratedAsync(string service, string databaseName, string database, string line, string path, HttpStatusCode served)
    {
        var dll = ProductionServices.Dll(service);
        var settings = ProductionServices.Settings(service, out var http);
        settings[$"ConnectionStrings__{databaseName}"] = database;
        await using var process = new ServiceProcess(dll, settings);
        using var web = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        process.Start();
        await UntilAsync(() => process.Output.Contains(line, StringComparison.Ordinal), process);
        // The check runs from the start, possibly before Kestrel listens: wait until it does.
        await process.WaitHealthyAsync(web, new Uri(http, "/alive"), TimeSpan.FromSeconds(60));

        using (var health = await web.GetAsync(new Uri(http, "/health"), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        using (var refused = await web.GetAsync(new Uri(http, path), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains(line, await refused.Content.ReadAsStringAsync(Ct));
        }

        await using (var migration = new ServiceProcess(dll, new Dictionary<string, string> { [$"ConnectionStrings__{databaseName}"] = database }, "migrate"))
        {
            await migration.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }

        // The same process, not restarted.
        await process.WaitHealthyAsync(web, new Uri(http, "/health"), TimeSpan.FromSeconds(30));
        using var answered = await web.GetAsync(new Uri(http, path), Ct);
        Assert.Equal(served, answered.StatusCode);
        // Logged once when the state changed, not at every request or probe (the health checks log their own failures).
        Assert.True(Count(process.Output, "fail: CrmSuite.BuildingBlocks.Configuration.SchemaCheck") == 1, process.Output);
    }

    /// <summary>Reverts the newest migration (its Down), as a restore of the previous release's database would leave it.</summary>
    private static async Task<(string Previous, string Latest)> RollBackOneMigrationAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ClientsDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new ClientsDbContext(options);
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2], cancellationToken: Ct);
        Assert.Equal(migrations[^2], (await db.Database.GetAppliedMigrationsAsync(Ct)).Last());
        return (migrations[^2], migrations[^1]);
    }

    private static async Task UntilAsync(Func<bool> condition, ServiceProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(process.IsRunning, $"{process.Name} exited:\n{process.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"{process.Name} did not log the refusal:\n{process.Output}");
            await Task.Delay(100, Ct);
        }
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
