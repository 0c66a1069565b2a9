using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Npgsql;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// Every write and every sensitive read leaves an audit event in the outbox, committed in the same
/// transaction as the change (so a change without its audit event cannot exist), naming who did it.
/// </summary>
public sealed class AuditTrailTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_and_editing_a_company_records_who_did_it_with_before_and_after()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var company = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Audited Ltd", Phone = "+7 495 123-45-67" }, cancellationToken: Ct);
        await anna.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest { Id = company.Id, Name = "Audited Ltd 2" }, cancellationToken: Ct);

        var events = await AuditEventsAsync(company.Id);
        var created = Assert.Single(events, e => e.GetProperty("action").GetString() == "clients.company.created");
        Assert.Equal(TestUser.ManagerAnna.Id, created.GetProperty("actorId").GetString());
        Assert.Equal("Audited Ltd", created.GetProperty("after").GetProperty("name").GetString());
        var updated = Assert.Single(events, e => e.GetProperty("action").GetString() == "clients.company.updated");
        Assert.Equal("Audited Ltd", updated.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("Audited Ltd 2", updated.GetProperty("after").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Opening_a_card_and_searching_are_recorded_as_sensitive_reads()
    {
        var company = await api.CreateCompanyAsync("Looked At Ltd");
        var boris = api.As(TestUser.Director);
        await boris.Http.GetAsync($"/v1/companies/{company.Id}", Ct);
        await boris.Http.GetAsync("/v1/companies:search?query=looked", Ct);

        var viewed = Assert.Single(await AuditEventsAsync(company.Id), e => e.GetProperty("action").GetString() == "clients.company.viewed");
        Assert.Equal(TestUser.Director.Id, viewed.GetProperty("actorId").GetString());
        var searches = await AuditEventsByActionAsync("clients.company.searched");
        Assert.Contains(searches, e => e.GetProperty("details").GetProperty("query").GetString() == "looked");
    }

    [Fact]
    public async Task Concurrent_searches_are_each_recorded_once_before_they_are_answered()
    {
        // Reads in flight share one commit of their audit events (group commit); none may be lost
        // or doubled, and each answer leaves only after its event is in the outbox.
        var boris = api.As(TestUser.Director);
        var marker = "grp" + Guid.NewGuid().ToString("N")[..8];
        var queries = Enumerable.Range(0, 40).Select(i => $"{marker}{i:00}").ToList();
        var answered = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(queries.Select(async query =>
        {
            var response = await boris.Http.GetAsync($"/v1/companies:search?query={query}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Answered: its audit event must already be committed.
            Assert.Contains(await AuditEventsByActionAsync("clients.company.searched"), e => e.GetProperty("details").GetProperty("query").GetString() == query);
            answered.Add(query);
        }));

        var recorded = (await AuditEventsByActionAsync("clients.company.searched"))
            .Select(e => e.GetProperty("details").GetProperty("query").GetString()!)
            .Where(q => q.StartsWith(marker, StringComparison.Ordinal)).ToList();
        Assert.Equal(queries, recorded.Order().ToList());
        Assert.Equal(40, answered.Count);
    }

    [Fact]
    public async Task Refused_input_writes_neither_the_change_nor_an_audit_event()
    {
        var before = await CountAsync();
        var response = await api.Http.PostAsJsonAsync("/v1/companies", new { name = "", inn = "1" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    private async Task<List<JsonElement>> AuditEventsAsync(string entityId) =>
        (await AllAuditEventsAsync()).Where(e => e.GetProperty("entityId").GetString() == entityId).ToList();

    private async Task<List<JsonElement>> AuditEventsByActionAsync(string action) =>
        (await AllAuditEventsAsync()).Where(e => e.GetProperty("action").GetString() == action).ToList();

    private async Task<List<JsonElement>> AllAuditEventsAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT payload::text FROM outbox_messages WHERE topic = 'audit' ORDER BY occurred_at", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var events = new List<JsonElement>();
        while (await reader.ReadAsync(Ct))
        {
            events.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return events;
    }

    private async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM outbox_messages)", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
