using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Tests.Infrastructure;
using Grpc.Core;

namespace CrmSuite.PubSubEmulator.Tests;

/// <summary>The real DaprClient publishing over gRPC, the way every CrmSuite service's outbox relay does.</summary>
public sealed class GrpcPublishContractTests(PubSubFixture pubsub)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishing_through_DaprClient_delivers_a_CloudEvents_envelope_with_the_data_and_an_id()
    {
        var order = Expect.NewOrder();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await pubsub.Publisher.PublishEventAsync("pubsub", "orders", order, Cancel);

        var delivery = Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
        Assert.Equal("/orders", delivery.Path);
        Assert.Equal("application/cloudevents+json", delivery.EnvelopeContentType);
        var envelope = delivery.Envelope;
        Assert.True(Guid.TryParse(envelope["id"]!.GetValue<string>(), out _), "the id is a fresh UUID");
        Assert.Equal("1.0", envelope["specversion"]!.GetValue<string>());
        Assert.Equal("com.dapr.event.sent", envelope["type"]!.GetValue<string>());
        Assert.Equal("crmsuite", envelope["source"]!.GetValue<string>());
        Assert.Equal("application/json", envelope["datacontenttype"]!.GetValue<string>());
        Assert.Equal("orders", envelope["topic"]!.GetValue<string>());
        Assert.Equal("pubsub", envelope["pubsubname"]!.GetValue<string>());
        var time = DateTimeOffset.Parse(envelope["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(time, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(order.OrderId.ToString(), envelope["data"]!["orderId"]!.GetValue<string>());

        // Dapr.AspNetCore unwrapped it and bound the typed handler argument.
        Assert.Equal("application/json", delivery.DataContentType);
        Assert.Equal(order, JsonSerializer.Deserialize<OrderPlaced>(delivery.Data, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task A_subscriber_answering_SUCCESS_lets_every_publish_succeed_each_with_its_own_event_id()
    {
        var order = Expect.NewOrder();

        await pubsub.Publisher.PublishEventAsync("pubsub", "orders", order, Cancel);
        await pubsub.Publisher.PublishEventAsync("pubsub", "orders", order, Cancel);

        var deliveries = pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString());
        Assert.Equal(2, deliveries.Count);
        Assert.NotEqual(deliveries[0].EventId, deliveries[1].EventId);
    }

    [Fact]
    public async Task A_subscriber_answering_RETRY_makes_the_publish_throw_so_the_outbox_keeps_the_event()
    {
        var order = Expect.NewOrder();

        var failure = await Expect.PublishFailureAsync(
            () => pubsub.Publisher.PublishEventAsync("pubsub", "orders-retry", order, Cancel),
            StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE");

        Assert.Contains("RETRY", failure.InnerException!.Message, StringComparison.Ordinal);
        Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
    }

    [Fact]
    public async Task A_subscriber_answering_an_error_status_makes_the_publish_throw()
    {
        var order = Expect.NewOrder();

        var failure = await Expect.PublishFailureAsync(
            () => pubsub.Publisher.PublishEventAsync("pubsub", "orders-broken", order, Cancel),
            StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE");

        Assert.Contains("503", failure.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscriber_answering_DROP_lets_the_publish_succeed_and_the_same_event_goes_to_the_dead_letter_topic()
    {
        var order = Expect.NewOrder();

        await pubsub.Publisher.PublishEventAsync("pubsub", "orders-poison", order, Cancel);

        var deliveries = pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString());
        Assert.Equal(["/orders-poison", "/orders-dead"], deliveries.Select(d => d.Path));
        Assert.Equal(deliveries[0].EventId, deliveries[1].EventId);
        // Like the sidecar, the message is forwarded unchanged, so the handler can tell where it came from.
        Assert.All(deliveries, d => Assert.Equal("orders-poison", d.Envelope["topic"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_subscriber_answering_DROP_without_a_dead_letter_topic_drops_the_event_and_the_publish_succeeds()
    {
        var order = Expect.NewOrder();

        await pubsub.Publisher.PublishEventAsync("pubsub", "orders-unwanted", order, Cancel);

        Assert.Equal("/orders-unwanted", Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString())).Path);
    }

    [Fact]
    public async Task A_subscriber_answering_404_drops_the_event_and_the_publish_succeeds()
    {
        var order = Expect.NewOrder();

        await pubsub.Publisher.PublishEventAsync("pubsub", "orders-gone", order, Cancel);

        Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
    }

    [Fact]
    public async Task A_publisher_can_pin_the_event_id_and_source_so_a_retried_publish_is_recognised_as_the_same_event()
    {
        var order = Expect.NewOrder();
        var outboxId = Guid.NewGuid().ToString();
        var metadata = new Dictionary<string, string> { ["cloudevent.id"] = outboxId, ["cloudevent.source"] = "clients" };

        await pubsub.Publisher.PublishEventAsync("pubsub", "orders", order, metadata, Cancel);
        await pubsub.Publisher.PublishEventAsync("pubsub", "orders", order, metadata, Cancel);

        var deliveries = pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString());
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d =>
        {
            Assert.Equal(outboxId, d.EventId);
            Assert.Equal("clients", d.Envelope["source"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Publishing_to_a_pubsub_component_that_does_not_exist_is_refused_with_ERR_PUBSUB_NOT_FOUND()
    {
        var order = Expect.NewOrder();

        await Expect.PublishFailureAsync(
            () => pubsub.Publisher.PublishEventAsync("kafka", "orders", order, Cancel),
            StatusCode.InvalidArgument, "DAPR_PUBSUB_NOT_FOUND");

        Assert.Empty(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
    }

    [Fact]
    public async Task The_publishers_trace_continues_in_the_envelope()
    {
        var order = Expect.NewOrder();
        using var activity = new Activity("relay outbox").SetIdFormat(ActivityIdFormat.W3C).Start();

        await pubsub.Publisher.PublishEventAsync("pubsub", "orders", order, Cancel);

        var envelope = Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString())).Envelope;
        var traceParent = envelope["traceparent"]!.GetValue<string>();
        Assert.Equal(activity.TraceId.ToHexString(), traceParent.Split('-')[1]);
        Assert.Equal(traceParent, envelope["traceid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Text_published_as_bytes_keeps_its_content_type_and_arrives_as_text()
    {
        var marker = $"note {Guid.NewGuid()}";

        await pubsub.Publisher.PublishByteEventAsync("pubsub", "notes", Encoding.UTF8.GetBytes(marker), "text/plain", cancellationToken: Cancel);

        var delivery = Assert.Single(pubsub.Billing.DeliveriesCarrying(marker));
        Assert.Equal("text/plain", delivery.Envelope["datacontenttype"]!.GetValue<string>());
        Assert.Equal(marker, delivery.Envelope["data"]!.GetValue<string>());
        Assert.Equal("text/plain", delivery.DataContentType);
        Assert.Equal(marker, delivery.Data);
    }

    [Fact]
    public async Task Binary_data_travels_base64_encoded_and_arrives_as_the_original_bytes()
    {
        var marker = $"binary {Guid.NewGuid()}";
        var bytes = Encoding.UTF8.GetBytes(marker);

        await pubsub.Publisher.PublishByteEventAsync("pubsub", "notes", bytes, "application/octet-stream", cancellationToken: Cancel);

        var delivery = Assert.Single(pubsub.Billing.DeliveriesCarrying(marker));
        Assert.Equal(Convert.ToBase64String(bytes), delivery.Envelope["data_base64"]!.GetValue<string>());
        Assert.Null(delivery.Envelope["data"]);
        Assert.Equal(marker, delivery.Data);
    }

    [Fact]
    public async Task A_routing_rule_sends_matching_events_to_its_route_and_the_rest_to_the_default_route()
    {
        var paid = Expect.NewOrder();
        var other = Expect.NewOrder();

        await pubsub.Publisher.PublishEventAsync("pubsub", "invoices", paid, new Dictionary<string, string> { ["cloudevent.type"] = "crm.invoice.paid" }, Cancel);
        await pubsub.Publisher.PublishEventAsync("pubsub", "invoices", other, Cancel);

        Assert.Equal("/invoices/paid", Assert.Single(pubsub.Billing.DeliveriesCarrying(paid.OrderId.ToString())).Path);
        Assert.Equal("/invoices/other", Assert.Single(pubsub.Billing.DeliveriesCarrying(other.OrderId.ToString())).Path);
    }

    [Fact]
    public async Task A_raw_payload_subscription_receives_the_message_on_the_topic_as_is()
    {
        var order = Expect.NewOrder();

        await pubsub.Publisher.PublishEventAsync("pubsub", "raw-orders", order, Cancel);

        var delivery = Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
        Assert.Equal("application/octet-stream", delivery.Envelope["datacontenttype"]!.GetValue<string>());
        // The message on the topic is the publisher's CloudEvent, which is what the handler gets.
        using var onTheTopic = JsonDocument.Parse(delivery.Data);
        Assert.Equal("raw-orders", onTheTopic.RootElement.GetProperty("topic").GetString());
        Assert.Equal(order.OrderId, onTheTopic.RootElement.GetProperty("data").GetProperty("orderId").GetGuid());
    }
}
