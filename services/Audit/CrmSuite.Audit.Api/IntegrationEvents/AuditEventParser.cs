using System.Text.Json;
using System.Text.RegularExpressions;
using CrmSuite.Audit.Api.Chain;
using CrmSuite.Audit.Api.Entries;

namespace CrmSuite.Audit.Api.IntegrationEvents;

/// <summary>Why an event can never be stored. The sidecar is told to DROP it.</summary>
public sealed class MalformedEventException(string reason) : Exception(reason);

/// <summary>
/// Reads a CloudEvents 1.0 JSON envelope whose <c>data</c> is an audit event:
/// <code>
/// { "actorId": "u-1", "actorName": "Анна", "actorRole": "SalesManager",
///   "action": "clients.company.viewed", "entityType": "company", "entityId": "…",
///   "ip": "10.0.0.5", "userAgent": "…", "outcome": "success", "occurredAt": "2026-11-27T10:00:00Z",
///   "before": {…}, "after": {…}, "details": {…} }
/// </code>
/// An event missing what makes it an audit record (envelope id, action, actor, time) is malformed.
/// Text a user can influence (names, user agents) is cut to the column's length rather than
/// refused, so nobody can keep their action out of the log with an oversized header.
/// </summary>
public static partial class AuditEventParser
{
    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z0-9_-]+)+$")]
    private static partial Regex ActionPattern();

    public static NewAuditEntry Parse(JsonElement envelope)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedEventException("The body is not a CloudEvent (a JSON object).");
        }
        if (Text(envelope, "specversion") != "1.0")
        {
            throw new MalformedEventException("specversion must be \"1.0\".");
        }
        var id = Text(envelope, "id");
        if (string.IsNullOrWhiteSpace(id) || id.Length > AuditEntry.MaxEventIdLength)
        {
            throw new MalformedEventException($"The CloudEvent id is missing or longer than {AuditEntry.MaxEventIdLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(Text(envelope, "source")) || string.IsNullOrWhiteSpace(Text(envelope, "type")))
        {
            throw new MalformedEventException("The CloudEvent source and type are required.");
        }
        // data_base64 (a raw payload) carries the publisher's bytes whatever the content type says.
        var contentType = Text(envelope, "datacontenttype");
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase) && !envelope.TryGetProperty("data_base64", out _))
        {
            throw new MalformedEventException($"datacontenttype {contentType} is not JSON.");
        }

        using var decoded = DecodeData(envelope);
        var data = decoded?.RootElement ?? envelope.GetProperty("data");
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedEventException("The CloudEvent data is not a JSON object.");
        }

        var action = Text(data, "action");
        if (action is null || action.Length > AuditEntry.MaxActionLength || !ActionPattern().IsMatch(action))
        {
            throw new MalformedEventException("action is required: lowercase dotted words such as clients.company.viewed.");
        }
        var actorId = Text(data, "actorId");
        if (string.IsNullOrWhiteSpace(actorId) || actorId.Length > AuditEntry.MaxActorIdLength)
        {
            throw new MalformedEventException($"actorId is required (at most {AuditEntry.MaxActorIdLength} characters).");
        }
        if (!data.TryGetProperty("occurredAt", out var occurred) || occurred.ValueKind != JsonValueKind.String
            || !occurred.TryGetDateTimeOffset(out var occurredAt))
        {
            throw new MalformedEventException("occurredAt is required: an ISO 8601 time with an offset, e.g. 2026-11-27T10:00:00Z.");
        }

        return new NewAuditEntry(
            EventId: id,
            OccurredAt: occurredAt,
            ActorId: Clean(actorId, AuditEntry.MaxActorIdLength)!,
            ActorName: Clean(Text(data, "actorName"), AuditEntry.MaxActorNameLength),
            ActorRole: Clean(Text(data, "actorRole"), AuditEntry.MaxActorRoleLength),
            Action: action,
            EntityType: Clean(Text(data, "entityType"), AuditEntry.MaxEntityTypeLength),
            EntityId: Clean(Text(data, "entityId"), AuditEntry.MaxEntityIdLength),
            Ip: Clean(Text(data, "ip"), AuditEntry.MaxIpLength),
            UserAgent: Clean(Text(data, "userAgent"), AuditEntry.MaxUserAgentLength),
            Outcome: Clean(Text(data, "outcome"), AuditEntry.MaxOutcomeLength) ?? "success",
            Before: Json(data, "before"),
            After: Json(data, "after"),
            Details: Json(data, "details"));
    }

    /// <summary>Dapr and the CloudEvents SDKs may carry binary data as data_base64, or JSON data as a string.</summary>
    private static JsonDocument? DecodeData(JsonElement envelope)
    {
        try
        {
            if (envelope.TryGetProperty("data_base64", out var base64) && base64.ValueKind == JsonValueKind.String)
            {
                return JsonDocument.Parse(Convert.FromBase64String(base64.GetString()!));
            }
            if (!envelope.TryGetProperty("data", out var data))
            {
                throw new MalformedEventException("The CloudEvent has no data.");
            }
            return data.ValueKind == JsonValueKind.String ? JsonDocument.Parse(data.GetString()!) : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new MalformedEventException("The CloudEvent data is not JSON.");
        }
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new MalformedEventException($"{name} must be a string.");
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new MalformedEventException($"{name} is not valid text.");
        }
    }

    private static string? Json(JsonElement data, string name)
    {
        if (!data.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        try
        {
            return CanonicalJson.Canonicalize(value);
        }
        catch (FormatException ex)
        {
            throw new MalformedEventException($"{name}: {ex.Message}");
        }
    }

    /// <summary>As reported (not trimmed: the log keeps what it was told), NUL-free (PostgreSQL text cannot hold U+0000), cut to the column's length; empty becomes null.</summary>
    private static string? Clean(string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }
        var text = WithoutUnpairedSurrogates(value.Replace('\0', '\uFFFD'));
        if (text.Length > maxLength)
        {
            var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
            text = text[..cut];
        }
        return text.Length == 0 ? null : text;
    }

    /// <summary>Unpaired surrogates cannot be stored as UTF-8; they become U+FFFD.</summary>
    private static string WithoutUnpairedSurrogates(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }
}
