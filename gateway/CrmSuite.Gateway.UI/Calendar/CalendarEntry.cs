using System.Globalization;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Calendar;

/// <summary>
/// One occurrence of an item as the calendar draws it: in the viewer's zone (the item keeps its own
/// zone; a 09:00 Berlin meeting shows at 11:00 to a colleague in Moscow), an all-day item on its own
/// dates. A task has a due time only and shows as a short mark at it.
/// </summary>
public sealed record CalendarEntry(Item Item, DateTime Start, DateTime End, bool Overdue)
{
    /// <summary>How long a task's mark at its due time is drawn.</summary>
    public static readonly TimeSpan TaskMark = TimeSpan.FromMinutes(30);

    public string Title => Item.Title;

    public bool AllDay => Item.AllDay;

    public bool IsTask => Item.Kind == ItemKind.Task;

    public bool IsDone => Item.Status is ItemStatus.Done or ItemStatus.Cancelled;

    public static IEnumerable<CalendarEntry> Of(Item item, TimeZoneInfo viewer, DateTimeOffset now)
    {
        var occurrences = item.Occurrences.Count > 0
            ? item.Occurrences
            : [new Occurrence { Start = item.Start, End = item.End, StartsAt = item.StartsAt, EndsAt = item.EndsAt ?? item.StartsAt }];
        foreach (var occurrence in occurrences)
        {
            DateTime start, end;
            if (item.AllDay)
            {
                // The dates as planned, whatever the viewer's zone; the end is the last day, inclusive.
                start = LocalTimes.Parse(occurrence.Start);
                end = (occurrence.End.Length > 0 ? LocalTimes.Parse(occurrence.End) : start).AddDays(1);
            }
            else
            {
                start = TimeZoneInfo.ConvertTime(occurrence.StartsAt.ToDateTimeOffset(), viewer).DateTime;
                end = item.Kind == ItemKind.Task || occurrence.EndsAt is null
                    ? start + TaskMark
                    : TimeZoneInfo.ConvertTime(occurrence.EndsAt.ToDateTimeOffset(), viewer).DateTime;
            }
            yield return new CalendarEntry(item, start, end, IsOverdue(item, now));
        }
    }

    /// <summary>Whether the item is <paramref name="userId"/>'s: they own it, are assigned to it, take part in it or watch it.</summary>
    public static bool Involves(Item item, string userId) =>
        item.OwnerUserId == userId || item.AssigneeUserId == userId || item.ParticipantUserIds.Contains(userId) || item.WatcherUserIds.Contains(userId);

    /// <summary>An open task past its due time (an all-day task is due by the end of its day).</summary>
    public static bool IsOverdue(Item item, DateTimeOffset now) =>
        item.Kind == ItemKind.Task && item.Status is ItemStatus.Open or ItemStatus.InProgress
        && (item.AllDay ? item.StartsAt.ToDateTimeOffset().AddDays(1) : item.StartsAt.ToDateTimeOffset()) < now;

    public static Text KindText(ItemKind kind) => kind switch
    {
        ItemKind.Task => Texts.Calendar.Task,
        ItemKind.Call => Texts.Calendar.Call,
        _ => Texts.Calendar.Meeting,
    };

    public static string KindIcon(ItemKind kind) => kind switch
    {
        ItemKind.Task => "task_alt",
        ItemKind.Call => "call",
        _ => "groups",
    };

    public static Text StatusText(ItemStatus status) => status switch
    {
        ItemStatus.InProgress => Texts.Calendar.StatusInProgress,
        ItemStatus.Done => Texts.Calendar.StatusDone,
        ItemStatus.Cancelled => Texts.Calendar.StatusCancelled,
        _ => Texts.Calendar.StatusOpen,
    };
}

/// <summary>The service's local times: "2026-03-02T09:00" in the item's zone, or "2026-03-02" for an all-day item.</summary>
public static class LocalTimes
{
    public static DateTime Parse(string text) =>
        DateTime.ParseExact(text, text.Length == 10 ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string Format(DateTime value, bool allDay) =>
        value.ToString(allDay ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A time the viewer picked in their zone as the wall-clock time in <paramref name="zoneId"/>
    /// (the item's own zone); the same time when the zone is not known here.
    /// </summary>
    public static DateTime InZone(DateTime viewerTime, TimeZoneInfo viewer, string zoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)
            ? TimeZoneInfo.ConvertTime(DateTime.SpecifyKind(viewerTime, DateTimeKind.Unspecified), viewer, zone)
            : viewerTime;
}
