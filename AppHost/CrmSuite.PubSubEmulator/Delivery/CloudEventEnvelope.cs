using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>
/// Builds the CloudEvents 1.0 JSON the sidecar puts on the topic, following Dapr's
/// components-contrib pubsub/envelope.go and the runtime's metadata overrides:
/// <list type="bullet">
/// <item>data of a JSON content type goes in <c>data</c> as JSON (text if it does not parse),
/// <c>application/octet-stream</c> in <c>data_base64</c>, anything else in <c>data</c> as text;</item>
/// <item>an empty content type means <c>text/plain</c>;</item>
/// <item>data already in <c>application/cloudevents+json</c> is kept, with topic, pubsubname and trace
/// fields set and source, type and specversion defaulted;</item>
/// <item>metadata <c>cloudevent.id|source|type|traceparent|traceid|tracestate</c> override the generated
/// attributes; <c>ttlInSeconds</c> adds <c>expiration</c>.</item>
/// </list>
/// </summary>
public static class CloudEventEnvelope
{
    public const string ContentType = "application/cloudevents+json";
    public const string DefaultType = "com.dapr.event.sent";
    public const string SpecVersion = "1.0";

    private const string DefaultDataContentType = "text/plain";
    private const string OctetStream = "application/octet-stream";

    public static JsonObject Create(PublishRequest request, string defaultSource, DateTimeOffset now)
    {
        var metadata = new Dictionary<string, string>(request.Metadata, StringComparer.OrdinalIgnoreCase);
        var traceParent = Override("cloudevent.traceparent") ?? Override("cloudevent.traceid") ?? request.Trace.TraceParent;
        var traceState = Override("cloudevent.tracestate") ?? request.Trace.TraceState;
        var data = request.Data.Span;

        JsonObject envelope;
        if (IsContentType(request.DataContentType, ContentType))
        {
            envelope = JsonNode.Parse(data) as JsonObject
                ?? throw new JsonException("the published CloudEvent is not a JSON object");
            envelope.TryAdd("source", defaultSource);
            envelope.TryAdd("type", DefaultType);
            envelope.TryAdd("specversion", SpecVersion);
        }
        else
        {
            var dataContentType = string.IsNullOrEmpty(request.DataContentType) ? DefaultDataContentType : request.DataContentType;
            envelope = new JsonObject
            {
                ["id"] = Override("cloudevent.id") ?? Guid.NewGuid().ToString(),
                ["source"] = Override("cloudevent.source") ?? defaultSource,
                ["type"] = Override("cloudevent.type") ?? DefaultType,
                ["specversion"] = SpecVersion,
                ["datacontenttype"] = dataContentType,
                ["time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
            if (IsContentType(dataContentType, "application/json") && TryParseJson(data, out var json))
            {
                envelope["data"] = json;
            }
            else if (IsContentType(dataContentType, OctetStream))
            {
                envelope["data_base64"] = Convert.ToBase64String(data);
            }
            else
            {
                envelope["data"] = Encoding.UTF8.GetString(data);
            }
        }

        envelope["topic"] = request.Topic;
        envelope["pubsubname"] = request.PubsubName;
        SetOrRemove(envelope, "traceparent", traceParent);
        SetOrRemove(envelope, "traceid", traceParent);
        SetOrRemove(envelope, "tracestate", traceState);

        if (metadata.TryGetValue("ttlInSeconds", out var ttl) && long.TryParse(ttl, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            envelope["expiration"] = now.UtcDateTime.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        return envelope;

        string? Override(string key) => metadata.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
    }

    /// <summary>
    /// The envelope a subscription with <c>rawPayload</c> (or a message published raw) is handed:
    /// the bytes as they are on the topic in <c>data_base64</c> (components-contrib FromRawPayload).
    /// </summary>
    public static JsonObject FromRawPayload(ReadOnlySpan<byte> message, string topic, string pubsubName, string defaultSource) => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["specversion"] = SpecVersion,
        ["datacontenttype"] = OctetStream,
        ["source"] = defaultSource,
        ["type"] = DefaultType,
        ["topic"] = topic,
        ["pubsubname"] = pubsubName,
        ["data_base64"] = Convert.ToBase64String(message),
    };

    /// <summary>Compares the media type of a Content-Type value, ignoring case and parameters.</summary>
    public static bool IsContentType(string? contentType, string expected)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var semicolon = contentType.IndexOf(';');
        var mediaType = semicolon >= 0 ? contentType[..semicolon] : contentType;
        return string.Equals(mediaType.Trim(), expected, StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseJson(ReadOnlySpan<byte> data, out JsonNode? json)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            json = JsonNode.Parse(ref reader);
            // A second value after the first is not JSON either.
            if (reader.Read())
            {
                json = null;
                return false;
            }
            return true;
        }
        catch (JsonException)
        {
            json = null;
            return false;
        }
    }

    private static void SetOrRemove(JsonObject envelope, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            envelope.Remove(name);
        }
        else
        {
            envelope[name] = value;
        }
    }
}
