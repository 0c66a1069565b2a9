namespace CrmSuite.Scheduling.Api.Reminders;

public enum ReminderState : short { Pending = 1, Delivered = 2 }

/// <summary>What a notification tells: a reminder (or a channel's failure to deliver one), a task of one's own overdue, someone's task escalated to their head, a head's daily digest, a business process's late or escalated step.</summary>
public enum NotificationKind : short { Reminder = 1, Overdue = 2, Escalation = 3, Digest = 4, Process = 5 }

/// <summary>
/// One reminder of one person about one item, due at a time: the due-time table every replica's
/// dispatcher claims from with <c>FOR UPDATE SKIP LOCKED</c>. In-app is the only channel yet.
/// </summary>
public sealed class Reminder
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    public string UserId { get; set; } = string.Empty;
    public int MinutesBefore { get; set; }
    /// <summary>The start of the occurrence it reminds of (a series has a reminder per occurrence): with the person and offset, what was already delivered.</summary>
    public DateTimeOffset? OccurrenceStartsAt { get; set; }
    /// <summary>Its time had already passed when it was planned (the item was made or moved late, not yet started): due at once.</summary>
    public bool DueAtOnce { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public ReminderState Status { get; set; } = ReminderState.Pending;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>Delivered later than <see cref="ReminderOptions.LateAfter"/> past its due time (the service was down or behind).</summary>
    public bool Late { get; set; }
}

/// <summary>A delivered in-app reminder: what the person's bell shows. One per reminder, never two.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    /// <summary>The reminder's id, or a stand-in of the notification's own (a failed delivery, the overdue job's notices).</summary>
    public Guid ReminderId { get; set; }
    public NotificationKind Kind { get; set; } = NotificationKind.Reminder;
    /// <summary>The item told of; empty for a digest (several tasks).</summary>
    public Guid ItemId { get; set; }
    public string UserId { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public bool Late { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
