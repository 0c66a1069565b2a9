using CrmSuite.PubSubEmulator.Delivery.Bulk;
using Dapr;
using Dapr.AspNetCore;
using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmSuite.PubSubEmulator.Tests.Infrastructure;

/// <summary>
/// An emulator and one app, "kpi", that bulk-subscribes: "facts" (bulk, at most 50 per request, dead
/// letters to "facts-dead", which the app takes one by one) and "routed" (bulk, a routing rule for
/// paid invoices and a default route), "raw-facts" (bulk with rawPayload), "facts-broken" (bulk, always
/// 503) and "facts-gone" (bulk, always 404). Subscriptions are read once, as daprd reads them at start.
/// </summary>
public sealed class BulkPubSubFixture : IAsyncLifetime
{
    public const int MaxMessagesCount = 50;

    public BulkSubscriber Bulk { get; } = new();

    public SubscriberApp Kpi { get; private set; } = null!;

    public EmulatorHost Emulator { get; private set; } = null!;

    public DaprClient Publisher { get; private set; } = null!;

    public HttpClient HttpApi { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Kpi = await SubscriberApp.StartAsync("kpi", Map, TestContext.Current.CancellationToken);
        Emulator = EmulatorHost.Start(new Dictionary<string, Uri> { [Kpi.AppId] = Kpi.BaseUri }, discoveryCache: TimeSpan.FromHours(1));
        Publisher = Emulator.CreateDaprClient();
        HttpApi = Emulator.CreateHttpApiClient();
    }

    private void Map(SubscriberApp kpi, WebApplication app)
    {
        Bulk.MapBulkTopic(app, "/facts", new TopicOptions { PubsubName = SubscriberApp.PubSub, Name = "facts", DeadLetterTopic = "facts-dead" }, MaxMessagesCount);
        kpi.MapTopic(app, "/facts-dead", "facts-dead", () => Results.Ok());

        Bulk.MapBulkTopic(app, "/routed/paid", new TopicOptions
        {
            PubsubName = SubscriberApp.PubSub, Name = "routed", Match = "event.type == \"crm.invoice.paid\"", Priority = 1,
        }, MaxMessagesCount);
        Bulk.MapBulkTopic(app, "/routed/other", new TopicOptions { PubsubName = SubscriberApp.PubSub, Name = "routed" }, MaxMessagesCount);

        Bulk.MapRawBulkTopic(app, "/raw-facts", new TopicOptions { PubsubName = SubscriberApp.PubSub, Name = "raw-facts", EnableRawPayload = true });
        app.MapPost("/facts-broken", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable))
            .WithTopic(SubscriberApp.PubSub, "facts-broken")
            .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = "facts-broken" });
        app.MapPost("/facts-gone", () => Results.NotFound())
            .WithTopic(SubscriberApp.PubSub, "facts-gone")
            .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = "facts-gone" });
    }

    /// <summary>
    /// Waits until <paramref name="count"/> entries wait in the emulator's bulk queues, or one of
    /// <paramref name="publishes"/> ended (then the test's assertions say what went wrong).
    /// </summary>
    public async Task QueuedAsync(int count, IReadOnlyCollection<Task> publishes, CancellationToken cancellationToken)
    {
        var queues = (BulkDeliveryQueues)Emulator.Services.GetService(typeof(BulkDeliveryQueues))!;
        while (queues.Queued < count && !publishes.Any(p => p.IsCompleted))
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        HttpApi?.Dispose();
        Publisher?.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
        if (Kpi is not null)
        {
            await Kpi.DisposeAsync();
        }
    }
}
