using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Reminders;

namespace CrmSuite.Scheduling.Api.Recurrence;

/// <summary>
/// A recurring task is one open instance at a time: the instance carries the rule, and when it is
/// completed (or its due time passes, <see cref="RecurringTaskRoller"/>) the next instance is made
/// from the rule: same series, links, people, priority and reminders, its checklist unticked, its
/// rule's COUNT lowered by one; none after COUNT or UNTIL. An instance is unique per series and
/// due time (a unique index), so a completion and the roller, or two completions, never make two.
/// </summary>
public static class RecurringTasks
{
    public static async Task<ScheduledItem?> PlanNextAsync(SchedulingDbContext db, ScheduledItem task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.Kind != ItemKind.Task || task.Recurrence is not { } rule
            || Series.Next(task.StartLocal, task.TimeZone, rule, task.RecurrenceExceptions, task.StartLocal) is not { } due)
        {
            return null;
        }
        var (_, following) = SeriesView.Split(task, due, rule);
        var startsAt = Series.ToUtc(due, task.TimeZone);
        var next = new ScheduledItem
        {
            Id = Guid.CreateVersion7(now),
            SeriesId = task.SeriesId ?? task.Id,
            Kind = task.Kind,
            ActivityTypeId = task.ActivityTypeId,
            Title = task.Title,
            Description = task.Description,
            StartLocal = due,
            TimeZone = task.TimeZone,
            AllDay = task.AllDay,
            StartsAt = startsAt,
            SeriesEndsAt = startsAt,
            Priority = task.Priority,
            Status = ItemState.Open,
            OwnerUserId = task.OwnerUserId,
            OwnerName = task.OwnerName,
            TeamId = task.TeamId,
            AssigneeUserId = task.AssigneeUserId,
            WatcherUserIds = task.WatcherUserIds,
            Checklist = [.. task.Checklist.Select(c => c with { Done = false })],
            ResultRequired = task.ResultRequired,
            Place = task.Place,
            OnlineLink = task.OnlineLink,
            ParticipantUserIds = task.ParticipantUserIds,
            ParticipantContactIds = task.ParticipantContactIds,
            CompanyId = task.CompanyId,
            ContactId = task.ContactId,
            DealId = task.DealId,
            LeadId = task.LeadId,
            Recurrence = following,
            RecurrenceExceptions = [.. task.RecurrenceExceptions.Where(e => e > due)],
            ReminderMinutesBefore = task.ReminderMinutesBefore,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = task.CreatedBy,
        };
        db.Items.Add(next);
        await ReminderPlan.ReplanAsync(db, next, now, cancellationToken);
        db.Audit(AuditEvent.BySystem("system:recurring-tasks", "Scheduling service", now, "scheduling.item.created", "item", next.Id.ToString(),
            after: next.Snapshot(), details: new { follows = task.Id }));
        return next;
    }
}
