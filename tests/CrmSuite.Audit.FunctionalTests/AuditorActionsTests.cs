using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Audit.Contracts;
using CrmSuite.Testing;
using Npgsql;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>
/// Who watches the watchers: an auditor's searches, exports and chain verifications are appended
/// to the same chain, naming the auditor, the filter, the rows returned and what a verification found.
/// </summary>
public sealed class AuditorActionsTests(AuditApi api) : IClassFixture<AuditApi>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries") > 0)
        {
            return;
        }
        await api.DeliverAsync(new AuditData(ActorId: "manager-boris", Action: "clients.company.viewed"), "watched-1", Ct);
        await api.DeliverAsync(new AuditData(ActorId: "manager-boris", Action: "clients.company.updated"), "watched-2", Ct);
        await api.DeliverAsync(new AuditData(ActorId: "manager-vera", Action: "clients.company.viewed"), "watched-3", Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_search_is_recorded_with_the_auditor_the_filter_and_the_rows_returned()
    {
        var found = await api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { ActorId = "manager-boris", Action = "clients.company.updated" }, cancellationToken: Ct);
        Assert.Single(found.Entries);

        var recorded = await NewestAsync("audit.search", TestUser.Auditor.Id);
        Assert.Equal(TestUser.Auditor.Name, recorded.ActorName);
        Assert.Equal("audit_entries", recorded.EntityType);
        var details = JsonDocument.Parse(recorded.Details).RootElement;
        Assert.Equal(1, details.GetProperty("rowCount").GetInt32());
        Assert.Equal("manager-boris", details.GetProperty("filters").GetProperty("actorId").GetString());
        Assert.Equal("clients.company.updated", details.GetProperty("filters").GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_search_over_REST_by_an_administrator_is_recorded_as_theirs()
    {
        var (admin, _) = api.As(AuditApi.Administrator);
        using var response = await admin.GetAsync("/v1/audit/entries?actorId=manager-vera", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var recorded = await NewestAsync("audit.search", AuditApi.Administrator.Id);
        var details = JsonDocument.Parse(recorded.Details).RootElement;
        Assert.Equal(1, details.GetProperty("rowCount").GetInt32());
        Assert.Equal("manager-vera", details.GetProperty("filters").GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task A_verification_is_recorded_with_its_result()
    {
        var verified = await api.Grpc.VerifyChainAsync(new VerifyChainRequest(), cancellationToken: Ct);
        Assert.True(verified.Ok, verified.Detail);

        var recorded = await NewestAsync("audit.verify", TestUser.Auditor.Id);
        Assert.Equal("intact", recorded.Outcome);
        var details = JsonDocument.Parse(recorded.Details).RootElement;
        Assert.True(details.GetProperty("ok").GetBoolean());
        Assert.Equal(verified.RowsChecked, details.GetProperty("rowsChecked").GetInt64());
    }

    [Fact]
    public async Task An_export_is_recorded_with_the_auditor_the_filter_and_the_row_count()
    {
        var export = await api.Grpc.ExportEntriesAsync(new ExportEntriesRequest { ActorId = "manager-boris" }, cancellationToken: Ct);

        var recorded = await api.Grpc.GetEntryAsync(new GetEntryRequest { Id = export.ExportEntryId }, cancellationToken: Ct);
        Assert.Equal("audit.export", recorded.Action);
        Assert.Equal(TestUser.Auditor.Id, recorded.ActorId);
        var details = JsonDocument.Parse(recorded.Details).RootElement;
        Assert.Equal(export.RowCount, details.GetProperty("rowCount").GetInt32());
        Assert.Equal("manager-boris", details.GetProperty("filters").GetProperty("actorId").GetString());
    }

    /// <summary>Read straight from the database (a search through the API would itself be recorded).</summary>
    private async Task<(string ActorName, string EntityType, string Outcome, string Details)> NewestAsync(string action, string actorId)
    {
        await using var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT actor_name, entity_type, outcome, details::text FROM audit_entries WHERE action = $1 AND actor_id = $2 ORDER BY id DESC LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = action });
        command.Parameters.Add(new NpgsqlParameter { Value = actorId });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"No {action} entry by {actorId}");
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
    }
}
