using CrmSuite.Scheduling.Api.Recurrence;

namespace CrmSuite.Scheduling.Api.Items;

public enum ItemKind : short { Task = 1, Meeting = 2, Call = 3 }

public enum ItemPriority : short { Low = 1, Normal = 2, High = 3 }

public enum ItemState : short { Open = 1, InProgress = 2, Done = 3, Cancelled = 4 }

public sealed record ChecklistItem(string Text, bool Done);

/// <summary>
/// A task or a calendar event. Its times are kept as the person entered them: local wall-clock
/// start (and end) plus the IANA zone, so a recurring 09:00 stays 09:00 across a DST change;
/// <see cref="StartsAt"/>/<see cref="EndsAt"/> are the first occurrence's UTC instants and
/// <see cref="SeriesEndsAt"/> the end of the last one (null: a series without end), for range queries.
/// </summary>
public sealed class ScheduledItem
{
    public Guid Id { get; set; }
    public ItemKind Kind { get; set; }
    public string Title { get; set; } = string.Empty;
    public string? Description { get; set; }

    /// <summary>Local wall-clock time in <see cref="TimeZone"/> (a task's due time, an event's start); midnight for an all-day item.</summary>
    public DateTime StartLocal { get; set; }
    public DateTime? EndLocal { get; set; }
    public string TimeZone { get; set; } = string.Empty;
    public bool AllDay { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public DateTimeOffset? SeriesEndsAt { get; set; }
    /// <summary>
    /// From <see cref="StartsAt"/> to <see cref="SeriesEndsAt"/> (unbounded for a series without
    /// end), computed by PostgreSQL and GiST-indexed: a calendar window finds what overlaps it
    /// without reading the history before it. Never written by the service.
    /// </summary>
    public NpgsqlTypes.NpgsqlRange<DateTime> Span { get; private set; }

    public ItemPriority Priority { get; set; } = ItemPriority.Normal;
    public ItemState Status { get; set; } = ItemState.Open;
    public string OwnerUserId { get; set; } = string.Empty;
    public string OwnerName { get; set; } = string.Empty;
    /// <summary>The owner's team when the item was created: its head sees it.</summary>
    public string? TeamId { get; set; }
    public string? AssigneeUserId { get; set; }
    public string[] WatcherUserIds { get; set; } = [];
    public List<ChecklistItem> Checklist { get; set; } = [];
    public bool ResultRequired { get; set; }
    public string? Result { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }

    public string? Place { get; set; }
    public string? OnlineLink { get; set; }
    public string[] ParticipantUserIds { get; set; } = [];
    public Guid[] ParticipantContactIds { get; set; } = [];

    public Guid? CompanyId { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? DealId { get; set; }
    public Guid? LeadId { get; set; }

    /// <summary>RFC 5545 RRULE value (no "RRULE:" prefix); null for a single item.</summary>
    public string? Recurrence { get; set; }
    /// <summary>EXDATE: local start times of occurrences left out of the series.</summary>
    public DateTime[] RecurrenceExceptions { get; set; } = [];
    /// <summary>Occurrences changed on their own (moved, renamed), keyed by their start by the rule; see Recurrence/SeriesView.cs.</summary>
    public List<OccurrenceOverride> OccurrenceOverrides { get; set; } = [];
    /// <summary>A recurring task's instances after the first name the first one here (null on the first): one instance per due time.</summary>
    public Guid? SeriesId { get; set; }
    /// <summary>Reminder offsets in minutes before the start; the reminders themselves are in <c>reminders</c>.</summary>
    public int[] ReminderMinutesBefore { get; set; } = [];

    /// <summary>The activity type (Activities/); null for an item planned without one.</summary>
    public Guid? ActivityTypeId { get; set; }
    /// <summary>The activity planned when this one was completed ("what next").</summary>
    public Guid? NextItemId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public uint Version { get; set; }
}
