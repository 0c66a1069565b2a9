using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Subscriptions;

namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>
/// Hands one CloudEvent to one route of an app, as the sidecar does for a subscription without bulk,
/// and reads the answer as Dapr documents it.
/// </summary>
public sealed class SingleEventSender(SubscriberHttpClient subscriberHttp, ILogger<SingleEventSender> logger)
{
    private static readonly MediaTypeHeaderValue CloudEventsMediaType = new(CloudEventEnvelope.ContentType);

    internal async Task<DeliveryOutcome> SendAsync(AppSubscription subscription, string route, byte[] body, string? eventId, CancellationToken cancellationToken)
    {
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
            return DeliveryOutcome.Failed(subscription, $"app '{subscription.AppId}' could not be reached at {target}: {exception.Message}");
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
                        return DeliveryOutcome.Failed(subscription, $"RETRY status returned from app '{subscription.AppId}' while processing pub/sub event {eventId}");
                    case "DROP":
                        logger.LogWarning("DROP status returned from app {AppId} while processing pub/sub event {EventId} on {PubsubName}/{Topic}", subscription.AppId, eventId, subscription.PubsubName, subscription.Topic);
                        return new DeliveryOutcome(subscription, DeliveryStatus.DroppedByApp, "DROP");
                    case var unknown:
                        return DeliveryOutcome.Failed(subscription, $"unknown status '{unknown}' returned from app '{subscription.AppId}' while processing pub/sub event {eventId}");
                }
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                logger.LogError("Non-retriable error returned from app {AppId} while processing pub/sub event {EventId}: {Body}. Status code returned: {StatusCode}", subscription.AppId, eventId, answer, statusCode);
                return new DeliveryOutcome(subscription, DeliveryStatus.Dropped, "404");
            }
            logger.LogWarning("Retriable error returned from app {AppId} while processing pub/sub event {EventId}, topic {Topic}: {Body}. Status code returned: {StatusCode}", subscription.AppId, eventId, subscription.Topic, answer, statusCode);
            return DeliveryOutcome.Failed(subscription, $"app '{subscription.AppId}' answered {statusCode.ToString(CultureInfo.InvariantCulture)} at {target}: {Shorten(answer)}");
        }
    }

    /// <summary>An app's answer on one line and at most 300 characters, for error messages.</summary>
    internal static string Shorten(string text)
    {
        var oneLine = new StringBuilder(text.Length).Append(text).Replace('\n', ' ').Replace('\r', ' ').ToString();
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "…";
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
}
