using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Subscriptions;

namespace CrmSuite.PubSubEmulator.Delivery.Bulk;

/// <summary>One entry of a bulk request: the JSON of its <c>event</c> and its <c>contentType</c>.</summary>
internal sealed record BulkEntryContent(byte[] EventJson, string ContentType);

/// <summary>What the app said about one entry of a bulk request.</summary>
internal readonly record struct BulkEntryResult(DeliveryStatus Status, string Detail);

/// <summary>
/// Sends one bulk request to a route of an app and reads the app's answer per entry, as daprd's HTTP
/// postman (DeliverBulk) does. The request, POSTed as <c>application/json</c>:
/// <c>{"entries":[{"entryId","event","metadata","contentType"}],"id","metadata":{"pubsubName"},"pubsubname","topic","type"}</c>;
/// the answer: <c>{"statuses":[{"entryId","status"}]}</c>.
/// </summary>
public sealed class BulkRequestSender(SubscriberHttpClient subscriberHttp, ILogger<BulkRequestSender> logger)
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    /// <returns>One result per entry, in the order of <paramref name="entries"/>.</returns>
    internal async Task<BulkEntryResult[]> SendAsync(AppSubscription subscription, string route, IReadOnlyList<BulkEntryContent> entries)
    {
        var entryIds = entries.Select(_ => Guid.NewGuid().ToString()).ToArray();
        var target = subscription.RouteUri(route);
        using var content = new ByteArrayContent(Body(subscription, entries, entryIds));
        content.Headers.ContentType = JsonMediaType;

        // Not the publisher's token: the request carries other publishers' entries too.
        HttpResponseMessage response;
        try
        {
            response = await subscriberHttp.Http.PostAsync(target, content, CancellationToken.None);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Could not deliver a bulk of {Count} to {AppId} at {Uri}: {Reason}", entries.Count, subscription.AppId, target, exception.Message);
            return All(entries, DeliveryStatus.Failed, $"app '{subscription.AppId}' could not be reached at {target}: {exception.Message}");
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var statusCode = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return ReadStatuses(subscription, route, answer, entryIds);
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // Not retriable, as for a single delivery: every entry is dropped (daprd sends none of them to the dead-letter topic).
                logger.LogError("Non-retriable error returned from app {AppId} while processing bulk pub/sub event: {Body}. Status code returned: {StatusCode}", subscription.AppId, answer, statusCode);
                return All(entries, DeliveryStatus.Dropped, "404");
            }
            logger.LogWarning("Retriable error returned from app {AppId} while processing bulk pub/sub event, topic {Topic}: {Body}. Status code returned: {StatusCode}", subscription.AppId, subscription.Topic, answer, statusCode);
            return All(entries, DeliveryStatus.Failed, $"app '{subscription.AppId}' answered {statusCode.ToString(CultureInfo.InvariantCulture)} to a bulk request at {target}: {SingleEventSender.Shorten(answer)}");
        }
    }

    private static byte[] Body(AppSubscription subscription, IReadOnlyList<BulkEntryContent> entries, string[] entryIds)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            // daprd marshals a Go map: the keys come out sorted.
            writer.WriteStartObject();
            writer.WriteStartArray("entries");
            for (var i = 0; i < entries.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("entryId", entryIds[i]);
                writer.WritePropertyName("event");
                writer.WriteRawValue(entries[i].EventJson, skipInputValidation: true);
                writer.WriteStartObject("metadata");
                writer.WriteEndObject();
                writer.WriteString("contentType", entries[i].ContentType);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("id", Guid.NewGuid().ToString());
            writer.WriteStartObject("metadata");
            writer.WriteString("pubsubName", subscription.PubsubName);
            writer.WriteEndObject();
            writer.WriteString("pubsubname", subscription.PubsubName);
            writer.WriteString("topic", subscription.Topic);
            writer.WriteString("type", CloudEventEnvelope.DefaultType);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// daprd's reading of a 2xx answer: SUCCESS delivered, DROP dropped, RETRY / empty / unknown status
    /// failed, an entry the answer does not mention failed, statuses for unknown entry ids ignored, and
    /// a body that is not such JSON fails every entry.
    /// </summary>
    private BulkEntryResult[] ReadStatuses(AppSubscription subscription, string route, string answer, string[] entryIds)
    {
        var index = new Dictionary<string, int>(entryIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < entryIds.Length; i++)
        {
            index[entryIds[i]] = i;
        }
        var results = new BulkEntryResult?[entryIds.Length];
        try
        {
            using var document = JsonDocument.Parse(answer);
            foreach (var status in Statuses(document.RootElement))
            {
                var entryId = Property(status, "entryId");
                if (entryId is null || !index.TryGetValue(entryId, out var i))
                {
                    logger.LogWarning("Invalid entry id {EntryId} received from app {AppId} while processing bulk pub/sub event", entryId, subscription.AppId);
                    continue;
                }
                results[i] = Property(status, "status") switch
                {
                    "SUCCESS" => new BulkEntryResult(DeliveryStatus.Delivered, "SUCCESS"),
                    "DROP" => new BulkEntryResult(DeliveryStatus.DroppedByApp, "DROP"),
                    null or "" or "RETRY" => new BulkEntryResult(DeliveryStatus.Failed, $"RETRY required by app '{subscription.AppId}' while processing bulk subscribe event for entry id: {entryId}"),
                    var unknown => new BulkEntryResult(DeliveryStatus.Failed, $"unknown status '{unknown}' returned from app '{subscription.AppId}' while processing bulk subscribe event {entryId}"),
                };
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            logger.LogWarning("App {AppId} answered a bulk request with what is not {{\"statuses\":[...]}}: {Reason}", subscription.AppId, exception.Message);
            return [.. entryIds.Select(_ => new BulkEntryResult(DeliveryStatus.Failed, $"failed unmarshalling app '{subscription.AppId}' response for bulk subscribe: {exception.Message}"))];
        }

        var outcome = new BulkEntryResult[entryIds.Length];
        for (var i = 0; i < entryIds.Length; i++)
        {
            outcome[i] = results[i] ?? new BulkEntryResult(DeliveryStatus.Failed, $"response not received from app '{subscription.AppId}', RETRY required while processing bulk subscribe event for entry id: {entryIds[i]}");
        }
        logger.LogInformation("Delivered a bulk of {Count} to {AppId} {Route} on {PubsubName}/{Topic}: {Succeeded} SUCCESS, {Dropped} DROP, {Failed} not taken",
            entryIds.Length, subscription.AppId, route, subscription.PubsubName, subscription.Topic,
            outcome.Count(r => r.Status == DeliveryStatus.Delivered), outcome.Count(r => r.Status == DeliveryStatus.DroppedByApp), outcome.Count(r => r.Status == DeliveryStatus.Failed));
        return outcome;
    }

    /// <summary>The <c>statuses</c> array; Go's decoder matches names case-insensitively and takes null as none.</summary>
    private static IEnumerable<JsonElement> Statuses(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the answer is not a JSON object");
        }
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, "statuses", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value.EnumerateArray().ToList();
            }
        }
        return [];
    }

    private static string? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a status is not a JSON object");
        }
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new JsonException($"'{name}' is not a string"),
                };
            }
        }
        return null;
    }

    private static BulkEntryResult[] All(IReadOnlyList<BulkEntryContent> entries, DeliveryStatus status, string detail) =>
        [.. entries.Select(_ => new BulkEntryResult(status, detail))];
}
