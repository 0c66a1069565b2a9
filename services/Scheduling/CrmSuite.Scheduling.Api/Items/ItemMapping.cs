using System.Globalization;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Api.Validation;
using Google.Protobuf.WellKnownTypes;
using Contracts = CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>Entity ↔ proto message of the items module.</summary>
internal static class ItemMapping
{
    public static Contracts.ItemKind ToMessage(this ItemKind kind) => kind switch
    {
        ItemKind.Task => Contracts.ItemKind.Task,
        ItemKind.Meeting => Contracts.ItemKind.Meeting,
        _ => Contracts.ItemKind.Call,
    };

    public static ItemKind? FromMessage(Contracts.ItemKind kind) => kind switch
    {
        Contracts.ItemKind.Task => ItemKind.Task,
        Contracts.ItemKind.Meeting => ItemKind.Meeting,
        Contracts.ItemKind.Call => ItemKind.Call,
        _ => null,
    };

    public static Contracts.ItemStatus ToMessage(this ItemState status) => status switch
    {
        ItemState.Open => Contracts.ItemStatus.Open,
        ItemState.InProgress => Contracts.ItemStatus.InProgress,
        ItemState.Done => Contracts.ItemStatus.Done,
        _ => Contracts.ItemStatus.Cancelled,
    };

    public static ItemState? FromMessage(Contracts.ItemStatus status) => status switch
    {
        Contracts.ItemStatus.Open => ItemState.Open,
        Contracts.ItemStatus.InProgress => ItemState.InProgress,
        Contracts.ItemStatus.Done => ItemState.Done,
        Contracts.ItemStatus.Cancelled => ItemState.Cancelled,
        _ => null,
    };

    public static Contracts.Item ToMessage(this ScheduledItem item, IEnumerable<Occurrence>? occurrences = null)
    {
        var message = new Contracts.Item
        {
            Id = item.Id.ToString(),
            Kind = item.Kind.ToMessage(),
            Title = item.Title,
            Description = item.Description ?? string.Empty,
            Start = LocalText(item.StartLocal, item.AllDay),
            End = item.EndLocal is { } end ? LocalText(item.AllDay ? end.AddDays(-1) : end, item.AllDay) : string.Empty,
            TimeZone = item.TimeZone,
            AllDay = item.AllDay,
            StartsAt = Timestamp.FromDateTimeOffset(item.StartsAt),
            EndsAt = item.EndsAt is { } endsAt ? Timestamp.FromDateTimeOffset(endsAt) : null,
            Priority = item.Priority switch
            {
                ItemPriority.Low => Contracts.Priority.Low,
                ItemPriority.High => Contracts.Priority.High,
                _ => Contracts.Priority.Normal,
            },
            Status = item.Status.ToMessage(),
            OwnerUserId = item.OwnerUserId,
            OwnerName = item.OwnerName,
            AssigneeUserId = item.AssigneeUserId ?? string.Empty,
            ResultRequired = item.ResultRequired,
            Result = item.Result ?? string.Empty,
            CompletedAt = item.CompletedAt is { } completed ? Timestamp.FromDateTimeOffset(completed) : null,
            CompletedBy = item.CompletedBy ?? string.Empty,
            Place = item.Place ?? string.Empty,
            OnlineLink = item.OnlineLink ?? string.Empty,
            CompanyId = item.CompanyId?.ToString() ?? string.Empty,
            ContactId = item.ContactId?.ToString() ?? string.Empty,
            DealId = item.DealId?.ToString() ?? string.Empty,
            LeadId = item.LeadId?.ToString() ?? string.Empty,
            Recurrence = item.Recurrence ?? string.Empty,
            Version = item.Version.ToString(CultureInfo.InvariantCulture),
            CreatedAt = Timestamp.FromDateTimeOffset(item.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(item.UpdatedAt),
            ActivityTypeId = item.ActivityTypeId?.ToString() ?? string.Empty,
            NextItemId = item.NextItemId?.ToString() ?? string.Empty,
        };
        message.WatcherUserIds.AddRange(item.WatcherUserIds);
        message.Checklist.AddRange(item.Checklist.Select(c => new Contracts.ChecklistEntry { Text = c.Text, Done = c.Done }));
        message.ParticipantUserIds.AddRange(item.ParticipantUserIds);
        message.ParticipantContactIds.AddRange(item.ParticipantContactIds.Select(c => c.ToString()));
        message.RecurrenceExceptions.AddRange(item.RecurrenceExceptions.Select(e => LocalText(e, item.AllDay)));
        message.ReminderMinutesBefore.AddRange(item.ReminderMinutesBefore);
        message.SeriesId = item.SeriesId?.ToString() ?? (item.Recurrence is not null && item.Kind == ItemKind.Task ? item.Id.ToString() : string.Empty);
        message.OccurrenceOverrides.AddRange(item.OccurrenceOverrides.Select(o => new Contracts.OccurrenceOverride
        {
            OriginalStart = LocalText(o.OriginalStart, item.AllDay),
            Start = LocalText(o.StartLocal, item.AllDay),
            End = LocalText(item.AllDay ? o.EndLocal.AddDays(-1) : o.EndLocal, item.AllDay),
            Title = o.Title ?? string.Empty,
            Place = o.Place ?? string.Empty,
        }));
        if (occurrences is not null)
        {
            message.Occurrences.AddRange(occurrences.Select(o => o.ToMessage(item)));
        }
        return message;
    }

    /// <summary>An occurrence of <paramref name="item"/> in a list's window, as lists and the calendar answer it.</summary>
    public static Contracts.Occurrence ToMessage(this Occurrence o, ScheduledItem item) => new()
    {
        Start = LocalText(o.StartLocal, item.AllDay),
        End = LocalText(item.AllDay ? o.EndLocal.AddDays(-1) : o.EndLocal, item.AllDay),
        StartsAt = Timestamp.FromDateTimeOffset(o.StartsAt),
        EndsAt = Timestamp.FromDateTimeOffset(o.EndsAt),
        OriginalStart = o.OriginalStartLocal is { } original ? LocalText(original, item.AllDay) : string.Empty,
        Changed = o.Changed,
        Title = o.Title ?? item.Title,
        Place = o.Place ?? item.Place ?? string.Empty,
    };

    /// <summary>What the audit log keeps of an item (before / after a change).</summary>
    public static object Snapshot(this ScheduledItem item) => new
    {
        kind = item.Kind.ToString(),
        item.Title,
        start = LocalText(item.StartLocal, item.AllDay),
        end = item.EndLocal is { } end ? LocalText(end, item.AllDay) : null,
        item.TimeZone,
        item.AllDay,
        priority = item.Priority.ToString(),
        status = item.Status.ToString(),
        item.AssigneeUserId,
        item.WatcherUserIds,
        item.ParticipantUserIds,
        item.ParticipantContactIds,
        item.CompanyId,
        item.ContactId,
        item.DealId,
        item.LeadId,
        item.Recurrence,
        item.RecurrenceExceptions,
        item.OccurrenceOverrides,
        item.ReminderMinutesBefore,
        item.Result,
        item.ActivityTypeId,
        item.NextItemId,
    };

    private static string LocalText(DateTime value, bool allDay) => allDay ? InputRules.Date(value) : InputRules.Local(value);
}
