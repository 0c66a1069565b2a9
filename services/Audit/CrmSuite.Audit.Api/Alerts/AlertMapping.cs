using CrmSuite.Audit.Contracts;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Audit.Api.Alerts;

/// <summary>A raised alert as the audit log's messages carry it.</summary>
internal static class AlertMapping
{
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
}
