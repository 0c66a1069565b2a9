using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmSuite.ReliabilityTests;

/// <summary>
/// The inbox building block behind a real Dapr.AspNetCore subscriber on Kestrel and a real
/// PostgreSQL database: events are posted as the sidecar posts them (CloudEvents 1.0 envelope,
/// application/cloudevents+json), and each event's effect happens exactly once.
/// </summary>
public sealed class InboxTests : IAsyncLifetime
{
    private const string Topic = "payments.received";
    private const string Route = "/events/payments-received";
    private WebApplication _app = null!;
    private HttpClient _sidecar = null!;
    private string _connectionString = null!;

    /// <summary>When set, the handler answers RETRY (as when a dependency is not ready).</summary>
    private volatile bool _notReady;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _connectionString = await postgres.CreateDatabaseAsync("inbox");
        (_app, _sidecar) = await InboxTestHost.StartAsync<LedgerDb>(_connectionString, LogLevel.Warning, app =>
            app.MapInboxTopic<LedgerDb, PaymentReceived>(Topic, Route, async (payment, db, _, ct) =>
            {
                if (_notReady)
                {
                    return InboxOutcome.Retry;
                }
                if (payment.Amount <= 0)
                {
                    return InboxOutcome.Drop;
                }
                // A slow handler widens the window in which concurrent duplicates overlap.
                await Task.Delay(20, ct);
                db.Payments.Add(new Payment { Id = Guid.NewGuid(), Invoice = payment.Invoice, Amount = payment.Amount });
                return InboxOutcome.Success;
            }), Ct);
    }

    public async ValueTask DisposeAsync() => await InboxTestHost.StopAsync(_app, _sidecar);

    [Fact]
    public async Task The_topic_is_discoverable_by_the_sidecar()
    {
        var discovery = await _sidecar.GetStringAsync("/dapr/subscribe", Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(discovery);
        using var subscriptions = JsonDocument.Parse(discovery);
        var subscription = Assert.Single(subscriptions.RootElement.EnumerateArray());
        // Dapr.AspNetCore's discovery document: pubsubName, topic, and the route without its leading slash.
        Assert.Equal("pubsub", subscription.GetProperty("pubsubName").GetString());
        Assert.Equal(Topic, subscription.GetProperty("topic").GetString());
        Assert.Equal(Route.TrimStart('/'), subscription.GetProperty("route").GetString());
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_but_applied_once()
    {
        var eventId = Guid.NewGuid().ToString();
        Assert.Equal("SUCCESS", await DeliverAsync(eventId, new PaymentReceived("INV-1", 100m)));
        Assert.Equal("SUCCESS", await DeliverAsync(eventId, new PaymentReceived("INV-1", 100m)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM payments WHERE invoice = 'INV-1'"));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_apply_it_once()
    {
        var eventId = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => DeliverAsync(eventId, new PaymentReceived("INV-2", 50m))));
        Assert.All(answers, answer => Assert.Equal("SUCCESS", answer));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM payments WHERE invoice = 'INV-2'"));
    }

    [Fact]
    public async Task Retry_keeps_nothing_so_the_next_delivery_applies_it()
    {
        var eventId = Guid.NewGuid().ToString();
        _notReady = true;
        Assert.Equal("RETRY", await DeliverAsync(eventId, new PaymentReceived("INV-3", 10m)));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM inbox_messages WHERE event_id = '{eventId}'"));
        _notReady = false;
        Assert.Equal("SUCCESS", await DeliverAsync(eventId, new PaymentReceived("INV-3", 10m)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM payments WHERE invoice = 'INV-3'"));
    }

    [Fact]
    public async Task Events_that_can_never_apply_are_dropped_and_change_nothing()
    {
        Assert.Equal("DROP", await DeliverAsync(Guid.NewGuid().ToString(), new PaymentReceived("INV-4", -5m)));
        Assert.Equal("DROP", await DeliverRawAsync(Guid.NewGuid().ToString(), "\"not an object\""));
        Assert.Equal("DROP", await DeliverRawAsync(id: null, """{"invoice":"INV-4","amount":1}"""));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM payments WHERE invoice = 'INV-4'"));
    }

    private Task<string> DeliverAsync(string id, PaymentReceived payment) =>
        DeliverRawAsync(id, JsonSerializer.Serialize(payment, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>What the sidecar sends: the CloudEvents 1.0 envelope with the data inline.</summary>
    private async Task<string> DeliverRawAsync(string? id, string dataJson)
    {
        var envelope = new StringBuilder("{\"specversion\":\"1.0\",");
        if (id is not null)
        {
            envelope.Append("\"id\":\"").Append(id).Append("\",");
        }
        envelope.Append("\"source\":\"billing\",\"type\":\"com.dapr.event.sent\",\"topic\":\"").Append(Topic)
            .Append("\",\"pubsubname\":\"pubsub\",\"datacontenttype\":\"application/json\",\"data\":").Append(dataJson).Append('}');
        using var content = new StringContent(envelope.ToString(), Encoding.UTF8, "application/cloudevents+json");
        using var response = await _sidecar.PostAsync(Route, content, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return answer.GetProperty("status").GetString()!;
    }

    private Task<long> CountAsync(string sql) => InboxTestHost.CountAsync(_connectionString, sql, Ct);

    public sealed record PaymentReceived(string Invoice, decimal Amount);

    public sealed class Payment
    {
        public Guid Id { get; set; }
        public string Invoice { get; set; } = string.Empty;
        public decimal Amount { get; set; }
    }

    public sealed class LedgerDb(DbContextOptions<LedgerDb> options) : DbContext(options), IInboxContext
    {
        public DbSet<Payment> Payments => Set<Payment>();
        public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddInbox();
    }
}
