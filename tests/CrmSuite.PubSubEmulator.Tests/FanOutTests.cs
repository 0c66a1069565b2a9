using CrmSuite.PubSubEmulator.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace CrmSuite.PubSubEmulator.Tests;

/// <summary>One event, several subscribers: all of them get it, or the publisher hears that not all did.</summary>
public sealed class FanOutTests(PubSubFixture pubsub)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_app_subscribed_to_a_topic_receives_the_same_event()
    {
        var order = Expect.NewOrder();

        await pubsub.Publisher.PublishEventAsync("pubsub", "shared", order, Cancel);

        var atBilling = Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
        var atAudit = Assert.Single(pubsub.Audit.DeliveriesCarrying(order.OrderId.ToString()));
        Assert.Equal(atBilling.EventId, atAudit.EventId);
    }

    [Fact]
    public async Task One_subscriber_failing_fails_the_publish_even_though_the_others_took_the_event()
    {
        var order = Expect.NewOrder();

        var failure = await Expect.PublishFailureAsync(
            () => pubsub.Publisher.PublishEventAsync("pubsub", "shared-failing", order, Cancel),
            StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE");

        Assert.Contains("app 'audit' answered 500", failure.InnerException!.Message, StringComparison.Ordinal);
        Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
        Assert.Single(pubsub.Audit.DeliveriesCarrying(order.OrderId.ToString()));
    }

    [Fact]
    public async Task An_app_that_is_down_makes_the_publish_fail_and_nobody_gets_a_partial_delivery()
    {
        var nobodyListens = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var emulator = EmulatorHost.Start(new Dictionary<string, Uri>
        {
            [pubsub.Billing.AppId] = pubsub.Billing.BaseUri,
            ["reports"] = nobodyListens,
        });
        using var publisher = emulator.CreateDaprClient();
        var order = Expect.NewOrder();

        var failure = await Expect.PublishFailureAsync(
            () => publisher.PublishEventAsync("pubsub", "orders", order, Cancel),
            StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE");

        Assert.Contains("app 'reports'", failure.InnerException!.Message, StringComparison.Ordinal);
        Assert.Empty(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
    }

    [Fact]
    public async Task A_subscriber_that_stopped_after_discovery_makes_the_publish_fail_until_it_is_back()
    {
        var inventory = await SubscriberApp.StartAsync("inventory",
            (app, web) => app.MapTopic(web, "/reservations", "reservations", () => Results.Ok()), Cancel);
        // Subscriptions are remembered for a while, so the second publish goes straight to the dead app.
        await using var emulator = EmulatorHost.Start(
            new Dictionary<string, Uri> { [inventory.AppId] = inventory.BaseUri },
            discoveryCache: TimeSpan.FromMinutes(5));
        using var publisher = emulator.CreateDaprClient();

        await publisher.PublishEventAsync("pubsub", "reservations", Expect.NewOrder(), Cancel);
        await inventory.DisposeAsync();

        var failure = await Expect.PublishFailureAsync(
            () => publisher.PublishEventAsync("pubsub", "reservations", Expect.NewOrder(), Cancel),
            StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE");
        Assert.Contains("app 'inventory' could not be reached", failure.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_topic_nobody_subscribes_to_accepts_the_publish()
    {
        await pubsub.Publisher.PublishEventAsync("pubsub", "nobody-listens", Expect.NewOrder(), Cancel);
    }
}
