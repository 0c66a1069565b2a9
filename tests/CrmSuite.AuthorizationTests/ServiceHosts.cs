extern alias clients;
extern alias identity;
using CrmSuite.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using ClientsMigrator = clients::CrmSuite.Clients.Api.Demo.ClientsMigrator;

namespace CrmSuite.AuthorizationTests;

/// <summary>The services under test, in-process. Each service's <c>Program</c> comes through its own extern alias.</summary>
public static class ServiceHosts
{
    public const string Clients = "clients";
    public const string Identity = "identity";

    /// <summary>
    /// Syntactically valid, nothing listens there: building the host and enumerating its
    /// endpoints opens no connection. (Identity's data-protection key ring does try to load its
    /// keys once at start, fails, logs and carries on; those logs are silenced below.)
    /// </summary>
    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=1";

    /// <summary>The clients service as built by its Program, pointed at no database: for reading its endpoints.</summary>
    public static WebApplicationFactory<clients::Program> ClientsWithoutDatabase() =>
        new WebApplicationFactory<clients::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:clientsdb", UnreachableDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureLogging(QuietDatabaseErrors);
        });

    /// <summary>Identity as built by its Program (Development: throw-away signing keys), pointed at no database.</summary>
    public static WebApplicationFactory<identity::Program> IdentityWithoutDatabase() =>
        new WebApplicationFactory<identity::Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Development");
            host.UseSetting("ConnectionStrings:identitydb", UnreachableDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureLogging(QuietDatabaseErrors);
        });

    private static void QuietDatabaseErrors(ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None)
        .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.None);
}

/// <summary>
/// The clients service in-process against its own fresh, migrated database on the real
/// PostgreSQL (as in CrmSuite.Clients.FunctionalTests), trusting test-signed access tokens.
/// </summary>
public sealed class ClientsWithDatabase : IAsyncLifetime
{
    private WebApplicationFactory<clients::Program>? _factory;

    public IServiceProvider Services => _factory!.Services;

    public GrpcChannel Channel { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("clients_authz");
        Assert.Equal(0, await ClientsMigrator.RunAsync(["migrate", $"--ConnectionStrings:clientsdb={connectionString}"]));

        _factory = new WebApplicationFactory<clients::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:clientsdb", connectionString);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureTestServices(services => services.TrustTestTokens());
        });
        Channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
    }

    /// <summary>A REST client carrying the user's access token; none for <c>null</c>.</summary>
    public HttpClient Http(TestUser? user)
    {
        var http = _factory!.CreateClient();
        if (user is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(user));
        }
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
