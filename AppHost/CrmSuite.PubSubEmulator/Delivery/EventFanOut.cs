using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSuite.PubSubEmulator.Configuration;
using CrmSuite.PubSubEmulator.Errors;
using CrmSuite.PubSubEmulator.Subscriptions;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>
/// The broker of the emulator: wraps a published event like the sidecar and hands it, synchronously and
/// once, to every subscription of the topic. It keeps nothing: the publish succeeds only when every
/// subscriber answered SUCCESS or DROP (or 404, which the sidecar also drops), so anything not yet
/// delivered stays in the publisher's outbox, which retries. Retrying is the outbox's job.
/// </summary>
public sealed class EventFanOut(
    SubscriptionDirectory directory,
    SubscriberHttpClient subscriberHttp,
    IOptionsMonitor<PubSubEmulatorOptions> options,
    TimeProvider clock,
    ILogger<EventFanOut> logger)
{
    /// <summary>Dead letters of dead letters are followed this far, then dropped with an error.</summary>
    private const int MaxDeadLetterHops = 4;

    private static readonly MediaTypeHeaderValue CloudEventsMediaType = new(CloudEventEnvelope.ContentType);

    /// <exception cref="DaprErrorException">The request is invalid, or a subscriber did not take the event.</exception>
    public async Task PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(request.PubsubName))
        {
            throw new DaprErrorException(DaprError.PubSubNameEmpty());
        }
        if (!settings.Components.Contains(request.PubsubName, StringComparer.Ordinal))
        {
            throw new DaprErrorException(DaprError.PubSubNotFound(request.PubsubName));
        }
        if (string.IsNullOrEmpty(request.Topic))
        {
            throw new DaprErrorException(DaprError.TopicEmpty(request.PubsubName));
        }

        TopicMessage message;
        if (request.Metadata.TryGetValue("rawPayload", out var raw) && Truthy.IsTruthy(raw))
        {
            // Published without an envelope: the bytes go on the topic as they are.
            message = new TopicMessage(request.Data.ToArray(), EventId: null);
        }
        else
        {
            JsonObject envelope;
            try
            {
                envelope = CloudEventEnvelope.Create(request, settings.DefaultSource, clock.GetUtcNow());
            }
            catch (JsonException exception)
            {
                logger.LogWarning("Refused a CloudEvent published to {PubsubName}/{Topic}: {Reason}", request.PubsubName, request.Topic, exception.Message);
                throw new DaprErrorException(DaprError.CloudEventCreation());
            }
            message = new TopicMessage(JsonSerializer.SerializeToUtf8Bytes(envelope), envelope["id"]?.ToString());
        }

        var failures = await DeliverAsync(request.PubsubName, request.Topic, message, hops: 0, cancellationToken);
        if (failures.Count > 0)
        {
            logger.LogWarning("Publish of {EventId} to {PubsubName}/{Topic} failed: {Failures}", message.EventId, request.PubsubName, request.Topic, string.Join("; ", failures));
            throw new DaprErrorException(DaprError.PublishMessage(request.PubsubName, request.Topic, string.Join("; ", failures)));
        }
        logger.LogInformation("Published {EventId} to {PubsubName}/{Topic}", message.EventId, request.PubsubName, request.Topic);
    }

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
        var settings = options.CurrentValue;
        JsonObject cloudEvent;
        byte[] body;
        if (subscription.RawPayload)
        {
            cloudEvent = CloudEventEnvelope.FromRawPayload(message.Bytes, subscription.Topic, subscription.PubsubName, settings.DefaultSource);
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
                return Failed(subscription, $"error deserializing cloud event for app '{subscription.AppId}' (publish it without rawPayload, or subscribe with rawPayload): {exception.Message}");
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
            return Failed(subscription, exception.Message);
        }
        if (route is null)
        {
            logger.LogDebug("No route of {AppId} matches {EventId} on {PubsubName}/{Topic}; skipped", subscription.AppId, eventId, subscription.PubsubName, subscription.Topic);
            return new DeliveryOutcome(subscription, DeliveryStatus.Skipped, "no matching route");
        }

        var target = subscription.RouteUri(route);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = CloudEventsMediaType;
        HttpResponseMessage response;
        try
        {
            response = await subscriberHttp.Http.PostAsync(target, content, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not deliver {EventId} to {AppId} at {Uri}: {Reason}", eventId, subscription.AppId, target, exception.Message);
            return Failed(subscription, $"app '{subscription.AppId}' could not be reached at {target}: {exception.Message}");
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            var statusCode = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                // Dapr: any 2xx is success unless the body says {"status": "RETRY" | "DROP" | other}.
                switch (AppStatus(answer))
                {
                    case null or "" or "SUCCESS":
                        logger.LogInformation("Delivered {EventId} to {AppId} {Route} on {PubsubName}/{Topic}", eventId, subscription.AppId, route, subscription.PubsubName, subscription.Topic);
                        return new DeliveryOutcome(subscription, DeliveryStatus.Delivered, "SUCCESS");
                    case "RETRY":
                        logger.LogWarning("{AppId} asked to retry {EventId} on {PubsubName}/{Topic}", subscription.AppId, eventId, subscription.PubsubName, subscription.Topic);
                        return Failed(subscription, $"RETRY status returned from app '{subscription.AppId}' while processing pub/sub event {eventId}");
                    case "DROP":
                        logger.LogWarning("DROP status returned from app {AppId} while processing pub/sub event {EventId} on {PubsubName}/{Topic}", subscription.AppId, eventId, subscription.PubsubName, subscription.Topic);
                        return new DeliveryOutcome(subscription, DeliveryStatus.DroppedByApp, "DROP");
                    case var unknown:
                        return Failed(subscription, $"unknown status '{unknown}' returned from app '{subscription.AppId}' while processing pub/sub event {eventId}");
                }
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                logger.LogError("Non-retriable error returned from app {AppId} while processing pub/sub event {EventId}: {Body}. Status code returned: {StatusCode}", subscription.AppId, eventId, answer, statusCode);
                return new DeliveryOutcome(subscription, DeliveryStatus.Dropped, "404");
            }
            logger.LogWarning("Retriable error returned from app {AppId} while processing pub/sub event {EventId}, topic {Topic}: {Body}. Status code returned: {StatusCode}", subscription.AppId, eventId, subscription.Topic, answer, statusCode);
            return Failed(subscription, $"app '{subscription.AppId}' answered {statusCode.ToString(CultureInfo.InvariantCulture)} at {target}: {Shorten(answer)}");
        }
    }

    /// <summary>The <c>status</c> of an app's answer; null when the body is not a JSON object with a string status.</summary>
    private static string? AppStatus(string answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Go's decoder matches field names case-insensitively; the value is compared exactly.
                if (string.Equals(property.Name, "status", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool HasExpired(JsonObject cloudEvent) =>
        cloudEvent["expiration"] is JsonValue expiration
        && expiration.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
        && when < clock.GetUtcNow();

    private static DeliveryOutcome Failed(AppSubscription subscription, string detail) =>
        new(subscription, DeliveryStatus.Failed, detail);

    private static string Shorten(string text)
    {
        var oneLine = new StringBuilder(text.Length).Append(text).Replace('\n', ' ').Replace('\r', ' ').ToString();
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "…";
    }

    private sealed record TopicMessage(byte[] Bytes, string? EventId);

    private enum DeliveryStatus { Delivered, Skipped, Dropped, DroppedByApp, Failed }

    private sealed record DeliveryOutcome(AppSubscription Subscription, DeliveryStatus Status, string Detail);
}
