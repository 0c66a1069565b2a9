using System.Text;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Delivery;
using CrmSuite.PubSubEmulator.Errors;

namespace CrmSuite.PubSubEmulator.Http;

/// <summary>
/// <c>POST /v1.0-alpha1/publish/bulk/{pubsubname}/{topic}[?metadata.k=v]</c> (docs.dapr.io, Pub/sub API,
/// "Publish multiple messages"): the body is a JSON array of <c>{entryId, event, contentType, metadata}</c>.
/// 204 when every entry was taken; else 500 with <c>{"failedEntries":[{"entryId","error"}],"errorCode","message"}</c>.
/// </summary>
internal static class BulkPublishHttpApi
{
    private const string MismatchError = "error: mismatch between contentType and event";

    public static async Task<IResult> PublishAsync(
        string pubsubname, string? topic, HttpContext httpContext, BulkPublisher publisher, TopicMessageFactory messages, CancellationToken cancellationToken)
    {
        try
        {
            // daprd checks the component and topic before it reads the body.
            messages.ValidateTarget(pubsubname, topic);
            var entries = await ReadEntriesAsync(pubsubname, topic!, httpContext.Request.Body, cancellationToken);
            var failures = await publisher.PublishAsync(
                new BulkPublishRequest(pubsubname, topic!, entries, SidecarHttpApi.MetadataFromQuery(httpContext), TraceContextReader.From(httpContext)),
                cancellationToken);
            if (failures.Count == 0)
            {
                return Results.NoContent();
            }
            var error = DaprError.PublishMessage(pubsubname, topic!, string.Join("; ", failures.Select(f => $"{f.EntryId}: {f.Error}")));
            return Results.Json(
                new
                {
                    failedEntries = failures.Select(f => new { entryId = f.EntryId, error = f.Error }).ToList(),
                    errorCode = error.ErrorCode,
                    message = error.Message,
                },
                JsonSerializerOptions.Web,
                statusCode: error.HttpStatus);
        }
        catch (DaprErrorException exception)
        {
            return SidecarHttpApi.Error(exception.Error);
        }
    }

    /// <summary>
    /// The entries as daprd's Go decoder reads them: field names case-insensitively, and the event turned
    /// into bytes by its content type (ConvertEventToBytes): JSON and CloudEvents as JSON text, text/* and
    /// application/xml from a string, application/octet-stream from a base64 string.
    /// </summary>
    private static async Task<List<BulkPublishEntry>> ReadEntriesAsync(string pubsubName, string topic, Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new DaprErrorException(DaprError.UnmarshalEvents(pubsubName, topic, exception.Message));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new DaprErrorException(DaprError.UnmarshalEvents(pubsubName, topic,
                    $"the body must be a JSON array of {{entryId, event, contentType, metadata}}, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}"));
            }
            var entries = new List<BulkPublishEntry>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                entries.Add(ReadEntry(pubsubName, topic, element, entries.Count));
            }
            return entries;
        }
    }

    private static BulkPublishEntry ReadEntry(string pubsubName, string topic, JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Unmarshal($"entry {index} is not a JSON object");
        }
        string? entryId = null, contentType = null;
        JsonElement? @event = null;
        Dictionary<string, string>? metadata = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "entryid":
                    entryId = StringOrNull(property.Value, $"entry {index}: entryId");
                    break;
                case "contenttype":
                    contentType = StringOrNull(property.Value, $"entry {index}: contentType");
                    break;
                case "event":
                    @event = property.Value;
                    break;
                case "metadata" when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "metadata" when property.Value.ValueKind == JsonValueKind.Object:
                    metadata = property.Value.EnumerateObject().ToDictionary(
                        m => m.Name, m => StringOrNull(m.Value, $"entry {index}: metadata.{m.Name}") ?? "", StringComparer.Ordinal);
                    break;
                case "metadata":
                    throw Unmarshal($"entry {index}: metadata must be an object of strings");
            }
        }
        return new BulkPublishEntry(entryId, EventBytes(pubsubName, topic, @event, contentType ?? ""), contentType, metadata);

        string? StringOrNull(JsonElement value, string what) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw Unmarshal($"{what} must be a string"),
        };

        DaprErrorException Unmarshal(string reason) => new(DaprError.UnmarshalEvents(pubsubName, topic, reason));
    }

    private static byte[] EventBytes(string pubsubName, string topic, JsonElement? @event, string contentType)
    {
        var isString = @event is { ValueKind: JsonValueKind.String };
        if (CloudEventEnvelope.IsContentType(contentType, "application/octet-stream"))
        {
            if (!isString)
            {
                throw Mismatch(MismatchError);
            }
            try
            {
                return Convert.FromBase64String(@event!.Value.GetString()!);
            }
            catch (FormatException exception)
            {
                throw Mismatch($"error: unable to decode base64 application/octect-stream data: {exception.Message}");
            }
        }
        if (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || CloudEventEnvelope.IsContentType(contentType, "application/xml"))
        {
            return isString ? Encoding.UTF8.GetBytes(@event!.Value.GetString()!) : throw Mismatch(MismatchError);
        }
        if (CloudEventEnvelope.IsContentType(contentType, "application/json") || CloudEventEnvelope.IsContentType(contentType, CloudEventEnvelope.ContentType))
        {
            // An absent event is Go's nil, which marshals as null.
            return @event is { } json ? Encoding.UTF8.GetBytes(json.GetRawText()) : "null"u8.ToArray();
        }
        throw Mismatch(MismatchError);

        DaprErrorException Mismatch(string error) => new(DaprError.MarshalEnvelope(pubsubName, topic, error));
    }
}
