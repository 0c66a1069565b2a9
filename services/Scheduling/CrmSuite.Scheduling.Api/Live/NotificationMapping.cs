using CrmSuite.Scheduling.Api.Reminders;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Scheduling.Api.Live;

/// <summary>A delivered notification as the contract carries it (the list and the live stream).</summary>
public static class NotificationMapping
{
    public static Contracts.Notification ToContract(Notification n) => new()
    {
        Id = n.Id.ToString(),
        ItemId = n.ItemId == Guid.Empty ? string.Empty : n.ItemId.ToString(),
        Kind = n.Kind.ToString().ToLowerInvariant(),
        Title = n.Title,
        StartsAt = Timestamp.FromDateTimeOffset(n.StartsAt),
        DueAt = Timestamp.FromDateTimeOffset(n.DueAt),
        Late = n.Late,
        CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt),
        ReadAt = n.ReadAt is { } read ? Timestamp.FromDateTimeOffset(read) : null,
    };
}
