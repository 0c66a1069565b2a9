using CrmSuite.Audit.Api.Alerts;
using CrmSuite.Audit.Api.Chain;
using CrmSuite.Audit.Contracts;
using Google.Protobuf.WellKnownTypes;
using EntryEntity = CrmSuite.Audit.Api.Entries.AuditEntry;

namespace CrmSuite.Audit.Api.Grpc;

internal static class Mapping
{
    public static AuditEntry ToMessage(this EntryEntity entry) => new()
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

    public static Alert ToMessage(this AuditAlert alert) => new()
    {
        Id = alert.Id,
        ActorId = alert.ActorId,
        ActorName = alert.ActorName ?? string.Empty,
        WindowStart = Timestamp.FromDateTimeOffset(alert.WindowStart),
        WindowEnd = Timestamp.FromDateTimeOffset(alert.WindowEnd),
        ReadCount = alert.ReadCount,
        Threshold = alert.Threshold,
        RaisedAt = Timestamp.FromDateTimeOffset(alert.RaisedAt),
        EntryId = alert.EntryId,
    };

    public static VerifyChainResponse ToMessage(this ChainVerification result) => new()
    {
        Ok = result.Ok,
        RowsChecked = result.RowsChecked,
        FirstBrokenId = result.FirstBrokenId,
        Reason = result.Reason,
        Detail = result.Detail,
        FromId = result.FromId,
        ToId = result.ToId,
    };
}
