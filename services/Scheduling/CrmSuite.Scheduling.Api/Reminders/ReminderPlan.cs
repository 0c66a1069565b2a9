using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Recurrence;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Reminders;

/// <summary>
/// Plans an item's reminders in the same unit of work as the item's change, so moving an item
/// moves its pending reminders in one transaction (delivered ones stay as they were).
/// <para>
/// The rules: a reminder is due <c>minutes_before</c> before the item's start (a task's due time;
/// a series' next occurrence from now). If that time has already passed but the item has not yet
/// started (it was created late or moved closer to now), the reminder is due now, not dropped.
/// An item that has started, is done or is cancelled gets no reminders. Each person (owner,
/// assignee, staff taking part) gets each reminder once.
/// </para>
/// </summary>
public static class ReminderPlan
{
    public const int MaxReminders = 10;
    public const int MaxMinutesBefore = 60 * 24 * 30;

    public static async Task ReplanAsync(SchedulingDbContext db, ScheduledItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await db.Reminders.Where(r => r.ItemId == item.Id && r.Status == ReminderState.Pending).ToListAsync(cancellationToken);
        db.Reminders.RemoveRange(pending);
        if (item.Status is ItemState.Done or ItemState.Cancelled || NextStart(item, now) is not { } start)
        {
            return;
        }
        var people = new[] { item.OwnerUserId, item.AssigneeUserId }.Concat(item.ParticipantUserIds).OfType<string>().Distinct();
        foreach (var user in people)
        {
            foreach (var minutes in item.ReminderMinutesBefore)
            {
                var due = start - TimeSpan.FromMinutes(minutes);
                db.Reminders.Add(new Reminder
                {
                    Id = Guid.CreateVersion7(now),
                    ItemId = item.Id,
                    UserId = user,
                    MinutesBefore = minutes,
                    DueAt = due < now ? now : due,
                    CreatedAt = now,
                });
            }
        }
    }

    private static DateTimeOffset? NextStart(ScheduledItem item, DateTimeOffset now)
    {
        if (!item.Expands())
        {
            return item.StartsAt > now ? item.StartsAt : null;
        }
        var next = SeriesView.Between(item, now, now + Series.MaxWindow).FirstOrDefault(o => o.StartsAt > now);
        return next?.StartsAt;
    }
}
