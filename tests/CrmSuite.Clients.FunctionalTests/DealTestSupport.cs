using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Npgsql;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Clients of the deals APIs and reads of the database that the deal tests share.</summary>
internal static class DealTestSupport
{
    /// <summary>An administrator: sees every company and may configure pipelines.</summary>
    public static readonly TestUser Administrator = new("admin-1", "Администратор", ClientVisibility.All,
        [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.ClientsConfigure], [], []);

    public static Deals.DealsClient Deals(this ClientsApi api, TestUser user) => new(api.InvokerFor(user));

    public static Pipelines.PipelinesClient Pipelines(this ClientsApi api, TestUser user) => new(api.InvokerFor(user));

    /// <summary>The pipeline the migration creates (the oldest active one).</summary>
    public static async Task<Pipeline> DefaultPipelineAsync(this ClientsApi api) =>
        (await api.Pipelines(Administrator).ListPipelinesAsync(new ListPipelinesRequest(), cancellationToken: TestContext.Current.CancellationToken)).Pipelines[0];

    public static Stage StageOf(this Pipeline pipeline, StageKind kind, int nth = 0) => pipeline.Stages.Where(s => s.Kind == kind).ElementAt(nth);

    public static async Task<Deal> CreateDealAsync(this ClientsApi api, TestUser user, string companyId, string title, string amount = "1000.00", string currency = "RUB") =>
        await api.Deals(user).CreateDealAsync(new CreateDealRequest { Title = title, CompanyId = companyId, Amount = amount, Currency = currency },
            cancellationToken: TestContext.Current.CancellationToken);

    public static async Task<long> CountAsync(this ClientsApi api, string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The payloads queued in the outbox on a topic, oldest first.</summary>
    public static async Task<List<JsonElement>> OutboxAsync(this ClientsApi api, string topic)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT payload::text FROM outbox_messages WHERE topic = @topic ORDER BY occurred_at, id", connection);
        command.Parameters.AddWithValue("topic", topic);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var payloads = new List<JsonElement>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            payloads.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return payloads;
    }
}
