using CrmSuite.Audit.Api.Chain;
using CrmSuite.Audit.Contracts;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Audit.Api.Entries;

/// <summary>An audit entry as the audit log's messages carry it.</summary>
internal static class EntryMapping
{
    public static Contracts.AuditEntry ToMessage(this AuditEntry entry) => new()
    {
        Id = entry.Id,
        OccurredAt = Timestamp.FromDateTimeOffset(entry.OccurredAt),
        RecordedAt = Timestamp.FromDateTimeOffset(entry.RecordedAt),
        ActorId = entry.ActorId,
        ActorName = entry.ActorName ?? string.Empty,
        ActorRole = entry.ActorRole ?? string.Empty,
        Action = entry.Action,
        EntityType = entry.EntityType ?? string.Empty,
        EntityId = entry.EntityId ?? string.Empty,
        Ip = entry.Ip ?? string.Empty,
        UserAgent = entry.UserAgent ?? string.Empty,
        Outcome = entry.Outcome,
        Before = Json(entry.Before),
        After = Json(entry.After),
        Details = Json(entry.Details),
        EventId = entry.EventId,
        PrevHash = entry.PrevHash,
        Hash = entry.Hash,
    };

    /// <summary>JSON in the canonical form the hash covers (PostgreSQL's jsonb text adds spaces and orders keys its own way).</summary>
    public static string Json(string? json) => json is null ? string.Empty : CanonicalJson.Canonicalize(json);
}
