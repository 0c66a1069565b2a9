using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Npgsql;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>The people whose figures the tests read, with the claims identity gives them.</summary>
public static class KpiUsers
{
    public static TestUser Director { get; } = new("director-1", "Директор", ClientVisibility.All, [Permissions.KpiRead, Permissions.KpiConfigure], [], []);
    public static TestUser Anna { get; } = new("manager-anna", "Анна", ClientVisibility.Own, [Permissions.KpiRead], ["team-north"], []);
    public static TestUser Boris { get; } = new("manager-boris", "Борис", ClientVisibility.Own, [Permissions.KpiRead], ["team-north"], []);
    public static TestUser Oleg { get; } = new("manager-oleg", "Олег", ClientVisibility.Own, [Permissions.KpiRead], ["team-south"], []);
    public static TestUser HeadOfNorth { get; } = new("head-north", "Руководитель", ClientVisibility.Team, [Permissions.KpiRead], ["team-north"], ["team-north"]);
    public static TestUser Storekeeper { get; } = new("storekeeper-ivan", "Иван", ClientVisibility.Own, [Permissions.WarehouseRead], [], []);
}

public sealed record KpiCaller(HttpClient Http, KpiFacts.KpiFactsClient Facts, CallInvoker Invoker)
{
    public KpiSchemes.KpiSchemesClient Schemes => new(Invoker);

    public KpiResults.KpiResultsClient Results => new(Invoker);
}

/// <summary>
/// The KPI service in-process (TestServer) against its own fresh database on the real
/// PostgreSQL, migrated by the same step the AppHost runs. Events arrive as the pub/sub emulator
/// delivers them: a CloudEvents envelope posted to the subscription's route. One per test class.
/// </summary>
public sealed class KpiApi : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private GrpcChannel? _channel;

    public string ConnectionString { get; private set; } = string.Empty;
    public HttpClient Sidecar { get; private set; } = null!;
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("kpi");
        Assert.Equal(0, await KpiMigrator.RunAsync(["migrate", $"--ConnectionStrings:kpidb={ConnectionString}"]));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:kpidb", ConnectionString);
            host.UseSetting("Identity:Issuer", TestTokens.Issuer);
            host.UseSetting("Kpi:TimeZone", "Europe/Moscow");
            // No sidecar in these tests: the relay keeps events in the outbox, where the tests read them.
            host.UseSetting("DAPR_HTTP_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("DAPR_GRPC_ENDPOINT", "http://127.0.0.1:9");
            host.UseSetting("Logging:LogLevel:CrmSuite.BuildingBlocks.Messaging", "Error");
            host.ConfigureTestServices(services => services.TrustTestTokens());
        });
        Sidecar = _factory.CreateClient();
        _channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _factory.Server.CreateHandler() });
    }

    public KpiCaller As(TestUser user)
    {
        var token = TestTokens.For(user, TimeSpan.FromHours(2));
        var http = _factory!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var invoker = _channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
        return new KpiCaller(http, new KpiFacts.KpiFactsClient(invoker), invoker);
    }

    public KpiCaller Director => As(KpiUsers.Director);

    /// <summary>Posts what the sidecar posts: a CloudEvents 1.0 envelope around the event; answers Dapr's status.</summary>
    public async Task<string> DeliverAsync(string route, string eventId, object data)
    {
        var envelope = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = eventId,
            ["source"] = "test",
            ["type"] = "com.dapr.event.sent",
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        }, Json);
        using var content = new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json");
        using var response = await Sidecar.PostAsync(route, content, Ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        return answer.GetProperty("status").GetString()!;
    }

    /// <summary>The stored projection, one line per row, in a fixed order: for comparing two states of it.</summary>
    public async Task<List<string>> ProjectionAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT user_id, team_id, day, kind, pipeline_id, count, amount, days FROM daily_figures
            ORDER BY user_id, team_id, day, kind, pipeline_id
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(string.Join('|', Enumerable.Range(0, 8).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    /// <summary>A scope of the running service, for calling its own classes (stores, calculators) on its database.</summary>
    public AsyncServiceScope Scope() => _factory!.Services.CreateAsyncScope();

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Audit events the service queued in its outbox for an action.</summary>
    public async Task<List<JsonElement>> AuditAsync(string action)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT payload::text FROM outbox_messages WHERE topic = 'audit' ORDER BY occurred_at, id", connection);
        var events = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var e = JsonDocument.Parse(reader.GetString(0)).RootElement.Clone();
            if (e.GetProperty("action").GetString() == action)
            {
                events.Add(e);
            }
        }
        return events;
    }

    public static async Task<RpcException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        Sidecar?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
