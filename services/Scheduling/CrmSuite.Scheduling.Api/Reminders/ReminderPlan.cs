using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Recurrence;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Reminders;

/// <summary>
/// Plans an item's reminders in the same unit of work as the item's change, so moving an item
/// moves its pending reminders in one transaction (delivered ones stay as they were).
/// <para>
/// The rules (docs/scheduling-recurrence.md): a reminder is due <c>minutes_before</c> before the
/// start of an occurrence (a single item's start, a task's due time; every occurrence of a series
/// within <see cref="Horizon"/>, the rest planned as time goes on by <see cref="ReminderHorizon"/>).
/// If that time has already passed but the occurrence has not yet started (it was created late or
/// moved closer to now), the reminder is due now, marked <see cref="Reminder.DueAtOnce"/>, not
/// dropped; an occurrence that has started gets none. A reminder already delivered for the same
/// person, offset and occurrence start is not planned again (an edit that keeps the time re-sends
/// nothing; moving the occurrence to a new time re-arms it). A done or cancelled item gets none.
/// Each person (owner, assignee, staff taking part) gets each reminder once.
/// </para>
/// </summary>
public static class ReminderPlan
{
    public const int MaxReminders = 10;
    public const int MaxMinutesBefore = 60 * 24 * 30;

    /// <summary>Reminder offsets in minutes before the start (an item's, an activity type's defaults): validated, distinct, in order.</summary>
    public static int[] Offsets(CrmSuite.BuildingBlocks.Errors.FieldErrors errors, string field, IReadOnlyList<int> values)
    {
        if (values.Count > MaxReminders)
        {
            errors.Add(field, $"At most {MaxReminders} reminders.");
            return [];
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is < 0 or > MaxMinutesBefore)
            {
                errors.Add($"{field}[{i}]", $"Minutes before the start: 0 to {MaxMinutesBefore} (30 days).");
            }
        }
        return [.. values.Distinct().Order()];
    }
    /// <summary>A series' occurrences whose reminders fall due within this are planned ahead.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(7);
    /// <summary>At most this many occurrences of one series are planned ahead at a time.</summary>
    public const int MaxOccurrencesAhead = 50;

    public static async Task ReplanAsync(SchedulingDbContext db, ScheduledItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A new item (not saved yet) has no reminders to replace: no round trip for it.
        if (db.Entry(item).State != EntityState.Added)
        {
            var pending = await db.Reminders.Where(r => r.ItemId == item.Id && r.Status == ReminderState.Pending).ToListAsync(cancellationToken);
            db.Reminders.RemoveRange(pending);
        }
        await PlanAsync(db, item, now, keepPending: false, cancellationToken);
    }

    /// <summary>
    /// Adds the reminders of the item's occurrences ahead that are not yet planned (with
    /// <paramref name="keepPending"/>: neither pending nor delivered; otherwise not delivered). Returns how many.
    /// </summary>
    public static async Task<int> PlanAsync(SchedulingDbContext db, ScheduledItem item, DateTimeOffset now, bool keepPending, CancellationToken cancellationToken)
    {
        if (item.Status is ItemState.Done or ItemState.Cancelled || item.ReminderMinutesBefore.Length == 0)
        {
            return 0;
        }
        var starts = Starts(item, now);
        if (starts.Count == 0)
        {
            return 0;
        }
        var from = starts[0];
        var planned = db.Entry(item).State == EntityState.Added ? [] : (await db.Reminders
            .Where(r => r.ItemId == item.Id && r.OccurrenceStartsAt >= from && (r.Status == ReminderState.Delivered || keepPending))
            .Select(r => new { r.UserId, r.MinutesBefore, r.OccurrenceStartsAt })
            .ToListAsync(cancellationToken))
            .Select(r => (r.UserId, r.MinutesBefore, r.OccurrenceStartsAt!.Value.UtcTicks)).ToHashSet();
        var people = new[] { item.OwnerUserId, item.AssigneeUserId }.Concat(item.ParticipantUserIds).OfType<string>().Distinct().ToList();
        var added = 0;
        foreach (var start in starts)
        {
            foreach (var user in people)
            {
                foreach (var minutes in item.ReminderMinutesBefore)
                {
                    if (planned.Contains((user, minutes, start.UtcTicks)))
                    {
                        continue;
                    }
                    var due = start - TimeSpan.FromMinutes(minutes);
                    db.Reminders.Add(new Reminder
                    {
                        Id = Guid.CreateVersion7(now),
                        ItemId = item.Id,
                        UserId = user,
                        MinutesBefore = minutes,
                        OccurrenceStartsAt = start,
                        DueAt = due < now ? now : due,
                        DueAtOnce = due < now,
                        CreatedAt = now,
                    });
                    added++;
                }
            }
        }
        return added;
    }

    /// <summary>
    /// The starts to remind of: a single item's start while it is ahead; a series' occurrences
    /// ahead whose first reminder falls due within <see cref="Horizon"/>, at least its next one.
    /// </summary>
    private static List<DateTimeOffset> Starts(ScheduledItem item, DateTimeOffset now)
    {
        if (!item.Expands())
        {
            return item.StartsAt > now ? [item.StartsAt] : [];
        }
        var reach = now + Horizon + TimeSpan.FromMinutes(item.ReminderMinutesBefore.Max());
        var ahead = SeriesView.Between(item, now, now + Series.MaxWindow).Where(o => o.StartsAt > now).Select(o => o.StartsAt).Take(MaxOccurrencesAhead).ToList();
        return [.. ahead.Take(1).Concat(ahead.Skip(1).TakeWhile(s => s <= reach))];
    }
}
