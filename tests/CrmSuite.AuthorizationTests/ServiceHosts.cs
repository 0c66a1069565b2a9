extern alias audit;
extern alias clients;
extern alias documents;
extern alias identity;
extern alias kpi;
extern alias scheduling;
extern alias warehouse;
using CrmSuite.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Npgsql;
using AuditMigrator = audit::CrmSuite.Audit.Api.Infrastructure.AuditMigrator;
using AuditWriterRole = audit::CrmSuite.Audit.Api.Infrastructure.WriterRole;
using ClientsMigrator = clients::CrmSuite.Clients.Api.Demo.ClientsMigrator;
using SchedulingMigrator = scheduling::CrmSuite.Scheduling.Api.Demo.SchedulingMigrator;
using DocumentsMigrator = documents::CrmSuite.Documents.Api.Infrastructure.DocumentsMigrator;
using KpiMigrator = kpi::CrmSuite.Kpi.Api.Infrastructure.KpiMigrator;

namespace CrmSuite.AuthorizationTests;

/// <summary>The services under test, in-process. Each service's <c>Program</c> comes through its own extern alias.</summary>
public static class ServiceHosts
{
    public const string Clients = "clients";
    public const string Identity = "identity";
    public const string Audit = "audit";
    public const string Warehouse = "warehouse";
    public const string Scheduling = "scheduling";
    public const string Documents = "documents";
    public const string Kpi = "kpi";

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

    /// <summary>The audit service as built by its Program, pointed at no database (its data source connects lazily).</summary>
    public static WebApplicationFactory<audit::Program> AuditWithoutDatabase() =>
        new WebApplicationFactory<audit::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:auditdb", UnreachableDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureLogging(QuietDatabaseErrors);
        });

    /// <summary>The warehouse service as built by its Program, pointed at no database.</summary>
    public static WebApplicationFactory<warehouse::Program> WarehouseWithoutDatabase() =>
        new WebApplicationFactory<warehouse::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:warehousedb", UnreachableDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureLogging(QuietDatabaseErrors);
        });

    /// <summary>The scheduling service as built by its Program, pointed at no database.</summary>
    public static WebApplicationFactory<scheduling::Program> SchedulingWithoutDatabase() =>
        new WebApplicationFactory<scheduling::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:schedulingdb", UnreachableDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureLogging(QuietDatabaseErrors);
        });

    /// <summary>The documents service as built by its Program, pointed at no database.</summary>
    public static WebApplicationFactory<documents::Program> DocumentsWithoutDatabase() =>
        new WebApplicationFactory<documents::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:documentsdb", UnreachableDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureLogging(QuietDatabaseErrors);
        });

    /// <summary>The KPI service as built by its Program, pointed at no database.</summary>
    public static WebApplicationFactory<kpi::Program> KpiWithoutDatabase() =>
        new WebApplicationFactory<kpi::Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:kpidb", UnreachableDatabase);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureLogging(QuietDatabaseErrors);
        });

    private static void QuietDatabaseErrors(ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None)
        .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.None);
}

/// <summary>A service running in-process on a real database, called as a given user over REST or gRPC.</summary>
public interface IServiceUnderTest
{
    /// <summary>The service's name in authorization-matrix.json (a <see cref="ServiceHosts"/> constant).</summary>
    string Service { get; }

    IServiceProvider Services { get; }

    GrpcChannel Channel { get; }

    /// <summary>A REST client carrying the user's access token; none for <c>null</c>.</summary>
    HttpClient Http(TestUser? user);
}

/// <summary>
/// A service in-process against its own fresh, migrated database on the real PostgreSQL (as in
/// its functional tests), trusting test-signed access tokens.
/// </summary>
public abstract class ServiceWithDatabase<TProgram> : IServiceUnderTest, IAsyncLifetime
    where TProgram : class
{
    private WebApplicationFactory<TProgram>? _factory;

    public abstract string Service { get; }

    public IServiceProvider Services => _factory!.Services;

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>Creates and migrates the database; returns the connection string the service runs with.</summary>
    protected abstract Task<string> PrepareDatabaseAsync(PostgresServer postgres);

    /// <summary>The key under ConnectionStrings that the service reads.</summary>
    protected abstract string ConnectionName { get; }

    public async ValueTask InitializeAsync()
    {
        var connectionString = await PrepareDatabaseAsync(await PostgresServer.SharedAsync());
        _factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(host =>
        {
            host.UseSetting($"ConnectionStrings:{ConnectionName}", connectionString);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureTestServices(services => services.TrustTestTokens());
        });
        Channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
    }

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

/// <summary>The clients service on its own migrated database (as in CrmSuite.Clients.FunctionalTests).</summary>
public sealed class ClientsWithDatabase : ServiceWithDatabase<clients::Program>
{
    public override string Service => ServiceHosts.Clients;

    protected override string ConnectionName => "clientsdb";

    protected override async Task<string> PrepareDatabaseAsync(PostgresServer postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync("clients_authz");
        Assert.Equal(0, await ClientsMigrator.RunAsync(["migrate", $"--ConnectionStrings:clientsdb={connectionString}"]));
        return connectionString;
    }
}

/// <summary>The scheduling service on its own migrated database (as in CrmSuite.Scheduling.FunctionalTests).</summary>
public sealed class SchedulingWithDatabase : ServiceWithDatabase<scheduling::Program>
{
    public override string Service => ServiceHosts.Scheduling;

    protected override string ConnectionName => "schedulingdb";

    protected override async Task<string> PrepareDatabaseAsync(PostgresServer postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync("scheduling_authz");
        Assert.Equal(0, await SchedulingMigrator.RunAsync(["migrate", $"--ConnectionStrings:schedulingdb={connectionString}"]));
        return connectionString;
    }
}

public sealed class DocumentsWithDatabase : ServiceWithDatabase<documents::Program>
{
    public override string Service => ServiceHosts.Documents;

    protected override string ConnectionName => "documentsdb";

    protected override async Task<string> PrepareDatabaseAsync(PostgresServer postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync("documents_authz");
        Assert.Equal(0, await DocumentsMigrator.RunAsync(["migrate", $"--ConnectionStrings:documentsdb={connectionString}"]));
        return connectionString;
    }
}

/// <summary>The KPI service on its own migrated database (as in CrmSuite.Kpi.FunctionalTests).</summary>
public sealed class KpiWithDatabase : ServiceWithDatabase<kpi::Program>
{
    public override string Service => ServiceHosts.Kpi;

    protected override string ConnectionName => "kpidb";

    protected override async Task<string> PrepareDatabaseAsync(PostgresServer postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync("kpi_authz");
        Assert.Equal(0, await KpiMigrator.RunAsync(["migrate", $"--ConnectionStrings:kpidb={connectionString}"]));
        return connectionString;
    }
}

/// <summary>
/// The audit service as in CrmSuite.Audit.FunctionalTests: its `migrate` step runs as the database
/// owner (schema, and the restricted role), then the service runs as that role, audit_writer.
/// </summary>
public sealed class AuditWithDatabase : ServiceWithDatabase<audit::Program>
{
    private const string WriterPassword = "audit-writer-authz";

    public override string Service => ServiceHosts.Audit;

    protected override string ConnectionName => "auditdb";

    protected override async Task<string> PrepareDatabaseAsync(PostgresServer postgres)
    {
        var owner = await postgres.CreateDatabaseAsync("audit_authz");
        Assert.Equal(0, await AuditMigrator.RunAsync(
            ["migrate", $"--ConnectionStrings:auditdb-owner={owner}", $"--Audit:WriterPassword={WriterPassword}"]));
        return new NpgsqlConnectionStringBuilder(owner) { Username = AuditWriterRole.Name, Password = WriterPassword }.ConnectionString;
    }
}
