using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Audit.Contracts;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>Audit events arriving from the Dapr sidecar: stored once, malformed ones dropped, failures retried.</summary>
public sealed class IngestTests(AuditApi api) : IClassFixture<AuditApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sidecar_discovers_the_audit_topic_without_a_token()
    {
        var response = await api.Anonymous.GetAsync("/dapr/subscribe", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        // Dapr.AspNetCore's discovery document (the route without its leading slash).
        Assert.Equal("""[{"topic":"audit","pubsubName":"pubsub","route":"events/audit"}]""", body);
    }

    [Fact]
    public async Task The_same_CloudEvent_delivered_twice_is_stored_once()
    {
        var eventId = Guid.NewGuid().ToString();
        var envelope = AuditData.Envelope(new AuditData(Action: "clients.company.created", EntityId: "dup-1", After: new { name = "ООО «Ромашка»" }), eventId);

        Assert.Equal("SUCCESS", await api.DeliverAsync(envelope, Ct));
        Assert.Equal("SUCCESS", await api.DeliverAsync(envelope, Ct));

        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE event_id = $1", eventId));
        var found = await api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { EntityId = "dup-1" }, cancellationToken: Ct);
        var entry = Assert.Single(found.Entries);
        Assert.Equal(eventId, entry.EventId);
    }

    [Fact]
    public async Task A_stored_entry_keeps_every_field_of_the_event_and_seals_it_in_the_chain()
    {
        var occurredAt = new DateTimeOffset(2026, 11, 27, 9, 30, 15, 123, TimeSpan.FromHours(3)).AddTicks(4567);
        var eventId = Guid.NewGuid().ToString();
        await api.DeliverAsync(new AuditData(
            ActorId: "manager-boris", ActorName: "Борис", ActorRole: "SalesManager", Action: "clients.company.updated",
            EntityType: "company", EntityId: "stored-1", Ip: "192.168.1.20", UserAgent: "Firefox/140", Outcome: "success",
            OccurredAt: occurredAt, Before: new { name = "Old", inn = "7707083893" }, After: new { name = "New", inn = "7707083893" },
            Details: new { reason = "typo" }), eventId, Ct);

        var id = (await api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { EntityId = "stored-1" }, cancellationToken: Ct)).Entries.Single().Id;
        var entry = await api.Grpc.GetEntryAsync(new GetEntryRequest { Id = id }, cancellationToken: Ct);
        Assert.Equal(("manager-boris", "Борис", "SalesManager"), (entry.ActorId, entry.ActorName, entry.ActorRole));
        Assert.Equal(("clients.company.updated", "company", "stored-1"), (entry.Action, entry.EntityType, entry.EntityId));
        Assert.Equal(("192.168.1.20", "Firefox/140", "success"), (entry.Ip, entry.UserAgent, entry.Outcome));
        // Stored in UTC with PostgreSQL's microsecond precision.
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 6, 30, 15, 123, TimeSpan.Zero).AddTicks(4560), entry.OccurredAt.ToDateTimeOffset());
        Assert.True(entry.RecordedAt.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("New", JsonDocument.Parse(entry.After).RootElement.GetProperty("name").GetString());
        Assert.Equal("Old", JsonDocument.Parse(entry.Before).RootElement.GetProperty("name").GetString());
        Assert.Equal(eventId, entry.EventId);
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);

        var verified = await api.Grpc.VerifyChainAsync(new VerifyChainRequest(), cancellationToken: Ct);
        Assert.True(verified.Ok, verified.Detail);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "not JSON", "this is not json" },
        { "not a CloudEvent", """[1, 2, 3]""" },
        { "no id", """{"specversion":"1.0","source":"clients","type":"t","data":{"actorId":"a","action":"clients.export","occurredAt":"2026-11-27T10:00:00Z"}}""" },
        { "old spec version", """{"specversion":"0.3","id":"x1","source":"clients","type":"t","data":{"actorId":"a","action":"clients.export","occurredAt":"2026-11-27T10:00:00Z"}}""" },
        { "data not an object", """{"specversion":"1.0","id":"x2","source":"clients","type":"t","data":[1]}""" },
        { "no data", """{"specversion":"1.0","id":"x3","source":"clients","type":"t"}""" },
        { "no action", """{"specversion":"1.0","id":"x4","source":"clients","type":"t","data":{"actorId":"a","occurredAt":"2026-11-27T10:00:00Z"}}""" },
        { "action not dotted lowercase", """{"specversion":"1.0","id":"x5","source":"clients","type":"t","data":{"actorId":"a","action":"Viewed Company","occurredAt":"2026-11-27T10:00:00Z"}}""" },
        { "no actor", """{"specversion":"1.0","id":"x6","source":"clients","type":"t","data":{"action":"clients.export","occurredAt":"2026-11-27T10:00:00Z"}}""" },
        { "no time", """{"specversion":"1.0","id":"x7","source":"clients","type":"t","data":{"actorId":"a","action":"clients.export"}}""" },
        { "time not ISO 8601", """{"specversion":"1.0","id":"x8","source":"clients","type":"t","data":{"actorId":"a","action":"clients.export","occurredAt":"yesterday"}}""" },
        { "actor name not text", """{"specversion":"1.0","id":"x9","source":"clients","type":"t","data":{"actorId":"a","actorName":42,"action":"clients.export","occurredAt":"2026-11-27T10:00:00Z"}}""" },
        { "number beyond PostgreSQL", """{"specversion":"1.0","id":"x10","source":"clients","type":"t","data":{"actorId":"a","action":"clients.export","occurredAt":"2026-11-27T10:00:00Z","details":{"n":1e999999}}}""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_event_is_dropped_and_stores_nothing(string why, string envelope)
    {
        var before = await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries");
        Assert.True("DROP" == await api.DeliverAsync(envelope, Ct), why);
        Assert.Equal(before, await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public async Task A_raw_payload_in_data_base64_is_read_like_JSON_data()
    {
        var data = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new AuditData(EntityId: "raw-1", OccurredAt: AuditData.DefaultTime), AuditApi.Json);
        var envelope = $$"""
            {"specversion":"1.0","id":"raw-1","source":"clients","type":"com.dapr.event.sent","datacontenttype":"application/octet-stream",
             "data_base64":"{{Convert.ToBase64String(data)}}"}
            """;
        Assert.Equal("SUCCESS", await api.DeliverAsync(envelope, Ct));
        var entry = (await api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { EntityId = "raw-1" }, cancellationToken: Ct)).Entries.Single();
        Assert.Equal("manager-anna", entry.ActorId);
    }

    [Fact]
    public async Task When_the_database_is_unreachable_the_sidecar_is_told_to_retry()
    {
        var closedPort = CrmSuite.Testing.PostgresServer.FreePort();
        await using var factory = AuditApi.CreateFactory($"Host=127.0.0.1;Port={closedPort};Username=audit_writer;Password=x;Database=auditdb;Timeout=3");
        using var sidecar = factory.CreateClient();
        Assert.Equal("RETRY", await AuditApi.DeliverAsync(sidecar, AuditData.Envelope(new AuditData()), Ct));
    }

    [Fact]
    public async Task An_oversized_user_agent_is_cut_rather_than_letting_the_action_escape_the_log()
    {
        var eventId = Guid.NewGuid().ToString();
        await api.DeliverAsync(new AuditData(EntityId: "long-agent", UserAgent: new string('x', 5000), Ip: null), eventId, Ct);
        var entry = (await api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { EntityId = "long-agent" }, cancellationToken: Ct)).Entries.Single();
        Assert.Equal(512, entry.UserAgent.Length);
        Assert.Equal(string.Empty, entry.Ip);
    }

    [Fact]
    public async Task JSON_that_PostgreSQL_rewrites_still_verifies()
    {
        // jsonb reorders keys, resolves escapes and rewrites numbers; the hash is over the canonical form, so it still matches.
        var envelope = """
            {"specversion":"1.0","id":"json-shapes","source":"clients","type":"t","datacontenttype":"application/json",
             "data":{"actorId":"manager-anna","action":"clients.company.updated","entityType":"company","entityId":"json-1",
                     "occurredAt":"2026-11-27T10:00:00.1234567+05:00",
                     "before":{"z":1,"a":{"y":[1.50,1E2,-0,0.000001,1e-7,12345678901234567890123],"x":"\u00e9\u0416\ud83d\ude00"},"b":null},
                     "after":{"name":"line\nbreak \"quoted\" \\ back","dup":1,"dup":2,"empty":{},"list":[]},
                     "details":{"rowCount":3.0,"tab":"\t"}}}
            """;
        Assert.Equal("SUCCESS", await api.DeliverAsync(envelope, Ct));
        var id = (await api.Grpc.SearchEntriesAsync(new SearchEntriesRequest { EntityId = "json-1" }, cancellationToken: Ct)).Entries.Single().Id;
        var entry = await api.Grpc.GetEntryAsync(new GetEntryRequest { Id = id }, cancellationToken: Ct);
        var before = JsonDocument.Parse(entry.Before).RootElement;
        Assert.Equal("éЖ😀", before.GetProperty("a").GetProperty("x").GetString());
        Assert.Equal(2, JsonDocument.Parse(entry.After).RootElement.GetProperty("dup").GetInt32());

        var verified = await api.Grpc.VerifyChainAsync(new VerifyChainRequest { FromId = id, ToId = id }, cancellationToken: Ct);
        Assert.True(verified.Ok, verified.Detail);
        Assert.Equal(1, verified.RowsChecked);
    }

    [Fact]
    public async Task Events_delivered_at_the_same_time_form_one_unbroken_chain()
    {
        var before = await api.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM audit_entries");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            api.DeliverAsync(AuditData.Envelope(new AuditData(ActorId: $"parallel-{i % 4}", EntityId: $"parallel-{i}")), Ct)));
        Assert.All(statuses, s => Assert.Equal("SUCCESS", s));

        Assert.Equal(before + 40, await api.ScalarAsync<long>("SELECT max(id) FROM audit_entries"));
        Assert.Equal(before + 40, await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
        var verified = await api.Grpc.VerifyChainAsync(new VerifyChainRequest(), cancellationToken: Ct);
        Assert.True(verified.Ok, verified.Detail);
        Assert.Equal(before + 40, verified.RowsChecked);
    }

    [Fact]
    public async Task The_ingest_endpoint_needs_no_token_but_the_API_does()
    {
        using var response = await api.Anonymous.PostAsJsonAsync("/v1/audit/entries:export", new { }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("SUCCESS", await api.DeliverAsync(AuditData.Envelope(new AuditData(EntityId: "anonymous-sidecar")), Ct));
    }
}
