using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSuite.PubSubEmulator.Configuration;
using CrmSuite.PubSubEmulator.Delivery.Bulk;
using CrmSuite.PubSubEmulator.Errors;
using CrmSuite.PubSubEmulator.Subscriptions;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>
/// The broker of the emulator: wraps a published event like the sidecar and hands it, synchronously and
/// once, to every subscription of the topic — one request per event, or gathered with other publishes
/// into bulk requests for a subscription with <c>bulkSubscribe</c>. It keeps nothing: the publish succeeds
/// only when every subscriber answered SUCCESS or DROP (or 404, which the sidecar also drops), so anything
/// not yet delivered stays in the publisher's outbox, which retries. Retrying is the outbox's job.
/// </summary>
public sealed class EventFanOut(
    SubscriptionDirectory directory,
    TopicMessageFactory messages,
    SingleEventSender singleSender,
    BulkDeliveryQueues bulkQueues,
    IOptionsMonitor<PubSubEmulatorOptions> options,
    TimeProvider clock,
    ILogger<EventFanOut> logger)
{
    /// <summary>Dead letters of dead letters are followed this far, then dropped with an error.</summary>
    private const int MaxDeadLetterHops = 4;

    /// <exception cref="DaprErrorException">The request is invalid, or a subscriber did not take the event.</exception>
    public async Task PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        messages.ValidateTarget(request.PubsubName, request.Topic);
        var message = messages.Create(request, TopicMessageFactory.IsRawPayload(request.Metadata));

        var failures = await DeliverAsync(request.PubsubName, request.Topic, message, cancellationToken);
        if (failures.Count > 0)
        {
            logger.LogWarning("Publish of {EventId} to {PubsubName}/{Topic} failed: {Failures}", message.EventId, request.PubsubName, request.Topic, string.Join("; ", failures));
            throw new DaprErrorException(DaprError.PublishMessage(request.PubsubName, request.Topic, string.Join("; ", failures)));
        }
        logger.LogInformation("Published {EventId} to {PubsubName}/{Topic}", message.EventId, request.PubsubName, request.Topic);
    }

    /// <summary>Delivers a message already on the topic to every subscription; what went wrong, if anything.</summary>
    internal Task<IReadOnlyList<string>> DeliverAsync(string pubsubName, string topic, TopicMessage message, CancellationToken cancellationToken) =>
        DeliverAsync(pubsubName, topic, message, hops: 0, cancellationToken);

    private async Task<IReadOnlyList<string>> DeliverAsync(string pubsubName, string topic, TopicMessage message, int hops, CancellationToken cancellationToken)
    {
        IReadOnlyList<AppSubscription> subscriptions;
        try
        {
            subscriptions = await directory.ForTopicAsync(pubsubName, topic, cancellationToken);
        }
        catch (SubscriptionDiscoveryException exception)
        {
            return exception.Failures;
        }
        if (subscriptions.Count == 0)
        {
            logger.LogInformation("No app subscribes to {PubsubName}/{Topic}; {EventId} reaches nobody", pubsubName, topic, message.EventId);
            return [];
        }

        var outcomes = await Task.WhenAll(subscriptions.Select(s => DeliverToAsync(s, message, cancellationToken)));
        var failures = new List<string>();
        foreach (var outcome in outcomes)
        {
            switch (outcome.Status)
            {
                case DeliveryStatus.Failed:
                    failures.Add(outcome.Detail);
                    break;
                case DeliveryStatus.DroppedByApp when outcome.Subscription.DeadLetterTopic is { } deadLetterTopic:
                    if (hops >= MaxDeadLetterHops)
                    {
                        logger.LogError("Dropped {EventId}: dead-letter topics chain beyond {MaxHops} hops at {PubsubName}/{Topic}", message.EventId, MaxDeadLetterHops, pubsubName, deadLetterTopic);
                        break;
                    }
                    // As the sidecar does, the message goes to the dead-letter topic unchanged; if that
                    // fails, the original delivery fails and the publisher retries.
                    logger.LogWarning("Sending {EventId} dropped by {AppId} to dead-letter topic {PubsubName}/{DeadLetterTopic}", message.EventId, outcome.Subscription.AppId, pubsubName, deadLetterTopic);
                    failures.AddRange(await DeliverAsync(pubsubName, deadLetterTopic, message, hops + 1, cancellationToken));
                    break;
            }
        }
        return failures;
    }

    private async Task<DeliveryOutcome> DeliverToAsync(AppSubscription subscription, TopicMessage message, CancellationToken cancellationToken)
    {
        JsonObject cloudEvent;
        byte[] body;
        if (subscription.RawPayload)
        {
            cloudEvent = CloudEventEnvelope.FromRawPayload(message.Bytes, subscription.Topic, subscription.PubsubName, options.CurrentValue.DefaultSource);
            body = JsonSerializer.SerializeToUtf8Bytes(cloudEvent);
        }
        else
        {
            // Without rawPayload the sidecar reads whatever is on the topic as a CloudEvent.
            try
            {
                cloudEvent = JsonNode.Parse(message.Bytes) as JsonObject ?? throw new JsonException("not a JSON object");
            }
            catch (JsonException exception)
            {
                return DeliveryOutcome.Failed(subscription, $"error deserializing cloud event for app '{subscription.AppId}' (publish it without rawPayload, or subscribe with rawPayload): {exception.Message}");
            }
            body = message.Bytes;
        }
        var eventId = cloudEvent["id"]?.ToString();

        if (HasExpired(cloudEvent))
        {
            logger.LogWarning("Dropped expired {EventId} for {AppId} on {PubsubName}/{Topic}", eventId, subscription.AppId, subscription.PubsubName, subscription.Topic);
            return new DeliveryOutcome(subscription, DeliveryStatus.Dropped, "expired");
        }

        string? route;
        try
        {
            route = RouteMatcher.SelectRoute(subscription, cloudEvent);
        }
        catch (UnsupportedMatchExpressionException exception)
        {
            logger.LogError("Cannot route {EventId} for {AppId}: {Reason}", eventId, subscription.AppId, exception.Message);
            return DeliveryOutcome.Failed(subscription, exception.Message);
        }
        if (route is null)
        {
            logger.LogDebug("No route of {AppId} matches {EventId} on {PubsubName}/{Topic}; skipped", subscription.AppId, eventId, subscription.PubsubName, subscription.Topic);
            return new DeliveryOutcome(subscription, DeliveryStatus.Skipped, "no matching route");
        }

        if (subscription.BulkSubscribe is null)
        {
            return await singleSender.SendAsync(subscription, route, body, eventId, cancellationToken);
        }
        // In a bulk request the entry's event is the CloudEvent object; with rawPayload, daprd sends the
        // message bytes base64-encoded as a JSON string, typed application/octet-stream.
        var entry = subscription.RawPayload
            ? new BulkEntryContent(JsonSerializer.SerializeToUtf8Bytes(Convert.ToBase64String(message.Bytes)), "application/octet-stream")
            : new BulkEntryContent(body, CloudEventEnvelope.ContentType);
        return await bulkQueues.DeliverAsync(subscription, route, entry, cancellationToken);
    }

    private bool HasExpired(JsonObject cloudEvent) =>
        cloudEvent["expiration"] is JsonValue expiration
        && expiration.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
        && when < clock.GetUtcNow();
}
