using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmSuite.ReliabilityTests;

/// <summary>
/// The inbox's bulk mapping behind a real Dapr.AspNetCore subscriber on Kestrel and a real
/// PostgreSQL database: requests are posted as the sidecar posts them with bulk subscribe
/// (<c>{"entries":[{"entryId","event":{CloudEvent}}]}</c>), one transaction per request, each
/// event's effect exactly once, and a status for every entry.
/// </summary>
public sealed class InboxBulkTests : IAsyncLifetime
{
    private const string Topic = "payments.batched";
    private const string Route = "/events/payments-batched";
    private WebApplication _app = null!;
    private HttpClient _sidecar = null!;
    private string _connectionString = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _connectionString = await postgres.CreateDatabaseAsync("inboxbulk");
        (_app, _sidecar) = await InboxTestHost.StartAsync<LedgerDb>(_connectionString, LogLevel.Error, app =>
            app.MapInboxBulkTopic<LedgerDb, PaymentReceived>(Topic, Route, async (entries, db, _, ct) =>
            {
                if (entries.Any(e => e.Event.Amount <= 0))
                {
                    return InboxOutcome.Drop;
                }
                // A slow handler widens the window in which concurrent duplicates overlap.
                await Task.Delay(20, ct);
                db.Payments.AddRange(entries.Select(e => new Payment { Id = Guid.NewGuid(), EventId = e.EventId, Invoice = e.Event.Invoice, Amount = e.Event.Amount }));
                return InboxOutcome.Success;
            }, maxMessagesCount: 50, maxAwaitDurationMs: 40), Ct);
    }

    public async ValueTask DisposeAsync() => await InboxTestHost.StopAsync(_app, _sidecar);

    [Fact]
    public async Task The_topic_is_declared_to_the_sidecar_with_bulk_subscribe()
    {
        var discovery = await _sidecar.GetStringAsync("/dapr/subscribe", Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(discovery);
        using var subscriptions = JsonDocument.Parse(discovery);
        var subscription = Assert.Single(subscriptions.RootElement.EnumerateArray());
        Assert.Equal(Topic, subscription.GetProperty("topic").GetString());
        Assert.Equal(Route.TrimStart('/'), subscription.GetProperty("route").GetString());
        var bulk = subscription.GetProperty("bulkSubscribe");
        Assert.True(bulk.GetProperty("enabled").GetBoolean());
        Assert.Equal(50, bulk.GetProperty("maxMessagesCount").GetInt32());
        Assert.Equal(40, bulk.GetProperty("maxAwaitDurationMs").GetInt32());
    }

    [Fact]
    public async Task Events_repeated_within_and_across_requests_are_acknowledged_and_applied_once()
    {
        var (a, b, c) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var first = await DeliverBulkAsync([Event(a, "INV-A", 10m), Event(b, "INV-B", 20m), Event(a, "INV-A", 10m)]);
        Assert.Equal(["e0:SUCCESS", "e1:SUCCESS", "e2:SUCCESS"], first);
        var second = await DeliverBulkAsync([Event(b, "INV-B", 20m), Event(c, "INV-C", 30m)]);
        Assert.Equal(["e0:SUCCESS", "e1:SUCCESS"], second);
        Assert.Equal(3, await CountAsync($"SELECT count(*) FROM payments WHERE event_id IN ('{a}', '{b}', '{c}')"));
        Assert.Equal(3, await CountAsync($"SELECT count(*) FROM inbox_messages WHERE event_id IN ('{a}', '{b}', '{c}')"));
    }

    [Fact]
    public async Task Concurrent_requests_sharing_events_apply_each_once()
    {
        var ids = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid().ToString()).ToList();
        var requests = Enumerable.Range(0, 6).Select(i =>
            DeliverBulkAsync(ids.Skip(i * 3).Take(15).Reverse().Select(id => Event(id, "INV-CC", 1m)).ToList()));
        var answers = await Task.WhenAll(requests);
        Assert.All(answers.SelectMany(a => a), s => Assert.EndsWith(":SUCCESS", s));
        Assert.Equal(30, await CountAsync("SELECT count(*) FROM payments WHERE invoice = 'INV-CC'"));
    }

    [Fact]
    public async Task A_request_that_fails_keeps_nothing_and_asks_to_retry_every_entry()
    {
        var (good, tooBig) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        // The database refuses the second payment (a check constraint): the whole transaction rolls back.
        var answer = await DeliverBulkAsync([Event(good, "INV-F", 10m), Event(tooBig, "INV-F", 5_000_000m)]);
        Assert.Equal(["e0:RETRY", "e1:RETRY"], answer);
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM inbox_messages WHERE event_id IN ('{good}', '{tooBig}')"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM payments WHERE invoice = 'INV-F'"));

        Assert.Equal(["e0:SUCCESS"], await DeliverBulkAsync([Event(good, "INV-F", 10m)]));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM payments WHERE invoice = 'INV-F'"));
    }

    [Fact]
    public async Task A_handler_that_drops_the_request_drops_every_entry_and_keeps_nothing()
    {
        var ids = new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() };
        var answer = await DeliverBulkAsync([Event(ids[0], "INV-D", 10m), Event(ids[1], "INV-D", -1m)]);
        Assert.Equal(["e0:DROP", "e1:DROP"], answer);
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM inbox_messages WHERE event_id IN ('{ids[0]}', '{ids[1]}')"));
    }

    [Fact]
    public async Task Entries_without_an_id_or_readable_data_are_dropped_while_the_others_apply()
    {
        var good = Guid.NewGuid().ToString();
        var answer = await DeliverBulkAsync([
            Event(good, "INV-B1", 10m),
            Event(null, "INV-B2", 10m),
            new JsonObject { ["entryId"] = "e2", ["event"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["data"] = "not an object" } },
            new JsonObject { ["entryId"] = "e3", ["contentType"] = "application/json" },
        ]);
        Assert.Equal(["e0:SUCCESS", "e1:DROP", "e2:DROP", "e3:DROP"], answer);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM payments WHERE invoice LIKE 'INV-B%'"));
    }

    [Fact]
    public async Task A_single_cloud_event_is_still_accepted_as_a_batch_of_one()
    {
        var id = Guid.NewGuid().ToString();
        Assert.Equal("SUCCESS", await DeliverSingleAsync(id, "INV-S", 7m));
        Assert.Equal("SUCCESS", await DeliverSingleAsync(id, "INV-S", 7m));
        Assert.Equal(["e0:SUCCESS"], await DeliverBulkAsync([Event(id, "INV-S", 7m)]));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM payments WHERE invoice = 'INV-S'"));
    }

    private int _entry;

    /// <summary>A bulk entry as the sidecar sends it; entry ids e0, e1, … within a request.</summary>
    private JsonObject Event(string? id, string invoice, decimal amount)
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0", ["source"] = "billing", ["type"] = "com.dapr.event.sent", ["topic"] = Topic, ["pubsubname"] = "pubsub",
            ["datacontenttype"] = "application/json", ["data"] = new JsonObject { ["invoice"] = invoice, ["amount"] = amount },
        };
        if (id is not null)
        {
            cloudEvent["id"] = id;
        }
        return new JsonObject { ["entryId"] = "e" + _entry++, ["event"] = cloudEvent, ["contentType"] = "application/cloudevents+json", ["metadata"] = new JsonObject() };
    }

    /// <summary>Posts a bulk request; answers "entryId:STATUS" per status, in the answer's order.</summary>
    private async Task<List<string>> DeliverBulkAsync(IReadOnlyList<JsonObject> entries)
    {
        _entry = 0;
        var request = new JsonObject
        {
            ["entries"] = new JsonArray([.. entries.Select((e, i) => { e["entryId"] ??= "e" + i; return (JsonNode)e; })]),
            ["id"] = Guid.NewGuid().ToString(), ["topic"] = Topic, ["pubsubname"] = "pubsub", ["type"] = "com.dapr.event.sent", ["metadata"] = new JsonObject(),
        };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _sidecar.PostAsync(Route, content, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. answer.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("entryId").GetString() + ":" + s.GetProperty("status").GetString())];
    }

    private async Task<string> DeliverSingleAsync(string id, string invoice, decimal amount)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = "billing", ["type"] = "com.dapr.event.sent", ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject { ["invoice"] = invoice, ["amount"] = amount },
        };
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/cloudevents+json");
        using var response = await _sidecar.PostAsync(Route, content, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString()!;
    }

    private Task<long> CountAsync(string sql) => InboxTestHost.CountAsync(_connectionString, sql, Ct);

    public sealed record PaymentReceived(string Invoice, decimal Amount);

    public sealed class Payment
    {
        public Guid Id { get; set; }
        public string EventId { get; set; } = string.Empty;
        public string Invoice { get; set; } = string.Empty;
        public decimal Amount { get; set; }
    }

    public sealed class LedgerDb(DbContextOptions<LedgerDb> options) : DbContext(options), IInboxContext
    {
        public DbSet<Payment> Payments => Set<Payment>();
        public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.AddInbox();
            modelBuilder.Entity<Payment>(p => p.ToTable(t => t.HasCheckConstraint("ck_payments_amount", "amount < 1000000")));
        }
    }
}
