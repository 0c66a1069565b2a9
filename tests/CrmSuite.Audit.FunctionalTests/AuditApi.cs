using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmSuite.Audit.Api.Infrastructure;
using CrmSuite.Audit.Contracts;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Testing;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Npgsql;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>
/// The audit service in-process (TestServer) against its own fresh database on the real
/// PostgreSQL. The database is migrated as the owner by the same `migrate` step the AppHost and
/// Kubernetes run; the service then connects as the restricted role that step creates. One per test class.
/// </summary>
public sealed class AuditApi : IAsyncLifetime
{
    public const string WriterPassword = "audit-writer-tests";

    public static readonly TestUser Administrator = new("admin-1", "Администратор", ClientVisibility.All, [.. Permissions.All], [], []);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private WebApplicationFactory<Program>? _factory;
    private GrpcChannel? _channel;

    /// <summary>The database owner (the migration step's login; may do anything, as a DBA could).</summary>
    public string OwnerConnectionString { get; private set; } = string.Empty;

    /// <summary>The role the service runs as.</summary>
    public string WriterConnectionString { get; private set; } = string.Empty;

    /// <summary>REST as an auditor.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>gRPC as an auditor.</summary>
    public AuditLog.AuditLogClient Grpc { get; private set; } = null!;

    /// <summary>No token: the Dapr sidecar, or a stranger.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        OwnerConnectionString = await postgres.CreateDatabaseAsync("audit");
        var exit = await AuditMigrator.RunAsync(
            ["migrate", $"--ConnectionStrings:auditdb-owner={OwnerConnectionString}", $"--Audit:WriterPassword={WriterPassword}"]);
        Assert.Equal(0, exit);
        WriterConnectionString = new NpgsqlConnectionStringBuilder(OwnerConnectionString)
        {
            Username = WriterRole.Name,
            Password = WriterPassword,
        }.ConnectionString;

        _factory = CreateFactory(WriterConnectionString);
        Anonymous = _factory.CreateClient();
        _channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = _factory.Server.CreateHandler(),
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        (Http, Grpc) = As(TestUser.Auditor);
    }

    /// <summary>The service as configured by the AppHost, on the given runtime connection.</summary>
    public static WebApplicationFactory<Program> CreateFactory(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:auditdb", connectionString);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.ConfigureTestServices(services => services.TrustTestTokens());
        });

    /// <summary>REST and gRPC clients that carry the user's access token.</summary>
    public (HttpClient Http, AuditLog.AuditLogClient Grpc) As(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(1));
        var http = _factory!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var invoker = _channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
        return (http, new AuditLog.AuditLogClient(invoker));
    }

    /// <summary>Delivers a CloudEvent as the Dapr sidecar does; returns the status the service answered.</summary>
    public async Task<string> DeliverAsync(string envelope, CancellationToken cancellationToken = default) =>
        await DeliverAsync(Anonymous, envelope, cancellationToken);

    public static async Task<string> DeliverAsync(HttpClient sidecar, string envelope, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json");
        using var response = await sidecar.PostAsync("/events/audit", content, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        return body.GetProperty("status").GetString()!;
    }

    public async Task<string> DeliverAsync(AuditData data, string? eventId = null, CancellationToken cancellationToken = default)
    {
        var status = await DeliverAsync(AuditData.Envelope(data, eventId), cancellationToken);
        Assert.Equal("SUCCESS", status);
        return status;
    }

    /// <summary>Runs SQL as the database owner and returns the first column of the first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        Http?.Dispose();
        Anonymous?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
