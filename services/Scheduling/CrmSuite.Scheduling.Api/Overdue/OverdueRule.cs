using System.Linq.Expressions;
using CrmSuite.Scheduling.Api.Items;
using NodaTime;

namespace CrmSuite.Scheduling.Api.Overdue;

/// <summary>
/// A task is overdue while it is open or in progress and its due time has passed; meetings and
/// calls are never overdue (they are held or not). The days are counted in the task's own zone:
/// due yesterday at 17:00 is one day overdue this morning.
/// </summary>
public static class OverdueRule
{
    public static Expression<Func<ScheduledItem, bool>> Filter(DateTimeOffset now) =>
        i => i.Kind == ItemKind.Task && (i.Status == ItemState.Open || i.Status == ItemState.InProgress) && i.StartsAt <= now;

    public static bool IsOverdue(ScheduledItem item, DateTimeOffset now) =>
        item.Kind == ItemKind.Task && item.Status is ItemState.Open or ItemState.InProgress && item.StartsAt <= now;

    /// <summary>Whole calendar days between the due day and today in the task's zone (0 on the due day itself).</summary>
    public static int Days(ScheduledItem item, DateTimeOffset now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(item.TimeZone) ?? DateTimeZone.Utc;
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        var due = LocalDate.FromDateTime(item.StartLocal);
        return Math.Max(0, Period.Between(due, today, PeriodUnits.Days).Days);
    }

    /// <summary>Fills the answer's overdue flag and days.</summary>
    public static Contracts.Item WithOverdue(this Contracts.Item message, ScheduledItem item, DateTimeOffset now)
    {
        if (IsOverdue(item, now))
        {
            message.Overdue = true;
            message.OverdueDays = Days(item, now);
        }
        return message;
    }
}
