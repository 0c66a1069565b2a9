using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Activities;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Processes.Storage;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore;
using ItemKind = CrmSuite.Scheduling.Api.Items.ItemKind;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>User tasks: the scheduling task a step creates, its boundary timers and its late alert.</summary>
internal sealed partial class ProcessRunner
{
    private async Task CreateTaskAsync(Run run, ProcessToken token, UserTask task, CancellationToken cancellationToken)
    {
        var process = await ProcessOfAsync(run, cancellationToken);
        var instance = run.Instance;
        var owner = instance.RecordOwnerUserId is { Length: > 0 } recordOwner ? recordOwner : process.OwnerUserId;
        var assignee = await AssigneeAsync(task.Assignee, owner, instance.RecordTeamId, cancellationToken);
        var due = task.DueIn is { } dueIn ? new TimerSpec { Duration = dueIn }.DueAfterStart(_now, Zone).ToUniversalTime() : _now.AddDays(1);
        var request = new CreateItemRequest
        {
            // A task drawn without a name is titled by its kind in the assignee's language, not by its diagram id.
            Title = ProcessText.NameOf(task).In(await EnglishAsync(assignee, cancellationToken)),
            Description = instance.RecordName.Length > 0 ? $"{process.Name}: {instance.RecordName}" : process.Name,
            Start = InputRules.Local(TimeZoneInfo.ConvertTime(due, Zone).DateTime),
            TimeZone = options.Value.TimeZone,
            AssigneeUserId = assignee,
            CompanyId = instance.CompanyId?.ToString() ?? string.Empty,
            DealId = instance.DealId?.ToString() ?? string.Empty,
            LeadId = instance.LeadId?.ToString() ?? string.Empty,
        };
        request.ReminderMinutesBefore.AddRange(task.ReminderMinutes ?? []);
        var type = await ActivityTypeAsync(task.TaskType, cancellationToken);
        ItemDraft? draft;
        var kind = type?.Kind ?? ItemKind.Task;
        try
        {
            if (type is not null)
            {
                ActivityDefaults.Fill(request, type, "taskType");
            }
            var errors = new FieldErrors();
            draft = ItemDraft.Read(request, kind, errors);
            errors.ThrowIfAny();
        }
        catch (ValidationFailedException e)
        {
            await FailAsync(run, token, task, new Bilingual(string.Join("; ", e.Errors.Select(x => $"{x.Field}: {x.Message}")),
                string.Join("; ", e.Errors.Select(x => $"{x.Field}: {x.Message}"))), cancellationToken);
            return;
        }
        var ownerName = await NameAsync(owner, cancellationToken);
        var planner = new ItemPlanner(owner, ownerName, instance.RecordTeamId, (now, id, after, details) =>
            AuditEvent.BySystem(Actor, ActorName, now, "scheduling.item.created", "item", id, after: after, details: details));
        var item = await NewItem.AddAsync(db, planner, kind, draft!, type?.Id, _now, cancellationToken,
            new { processInstanceId = instance.Id, elementId = task.Id });
        var step = await StepAsync(run, token, task, item.Id.ToString(), cancellationToken);
        step.AssigneeUserId = assignee;
        step.AssigneeRule = task.Assignee;
        token.State = TokenState.Waiting;
        token.TaskItemId = item.Id;
        token.DueAt = item.StartsAt;
        token.UpdatedAt = _now;
        Log(run, task, ProcessText.TaskCreated(item.Title, await NameAsync(assignee, cancellationToken)));
        Schedule(TimerKind.Late, instance, token, task.Id, item.StartsAt);
        foreach (var boundary in task.BoundaryTimers)
        {
            Schedule(TimerKind.Boundary, instance, token, boundary.Id, boundary.Timer.DueAfterStart(_now, Zone).ToUniversalTime());
        }
    }

    /// <summary>Who the rule names: the record's owner, their team's head, a named person, or the next member of a team in turn.</summary>
    private async Task<string> AssigneeAsync(string rule, string owner, string? recordTeam, CancellationToken cancellationToken)
    {
        if (rule.StartsWith("person:", StringComparison.Ordinal) && rule.Length > "person:".Length)
        {
            return rule["person:".Length..];
        }
        if (rule == "teamHead")
        {
            // The record's team (a record may have none: then the owner's first team); a disabled head is passed over.
            var team = recordTeam is { Length: > 0 } ? recordTeam
                : await db.TeamMembers.Where(m => m.UserId == owner).OrderBy(m => m.TeamId).Select(m => m.TeamId).FirstOrDefaultAsync(cancellationToken);
            var head = await db.TeamHeads.Where(h => h.TeamId == team && h.HeadUserId != owner && !db.People.Any(p => p.UserId == h.HeadUserId && p.Disabled))
                .OrderBy(h => h.HeadUserId).Select(h => h.HeadUserId).FirstOrDefaultAsync(cancellationToken);
            return head ?? owner;
        }
        if (rule.StartsWith("roundRobin:", StringComparison.Ordinal))
        {
            return await NextInTurnAsync(rule, rule["roundRobin:".Length..], owner, cancellationToken);
        }
        return owner;
    }

    /// <summary>
    /// Round robin: the team's member after the one this rule last gave a task to (in id order,
    /// wrapping; disabled people are passed over; someone who left the team does not break the
    /// turn). The rule's turn row stays locked (FOR UPDATE) until the step commits, so replicas
    /// assigning at the same moment take successive members instead of the same one.
    /// </summary>
    private async Task<string> NextInTurnAsync(string rule, string team, string owner, CancellationToken cancellationToken)
    {
        var members = (await (from m in db.TeamMembers
                               where m.TeamId == team && !db.People.Any(p => p.UserId == m.UserId && p.Disabled)
                               select m.UserId).ToListAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList();
        if (members.Count == 0)
        {
            return owner;
        }
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO process_round_robin (rule, last_user_id, updated_at) VALUES ({rule}, '', {_now}) ON CONFLICT (rule) DO NOTHING", cancellationToken);
        var turn = await db.RoundRobinTurns.FromSql($"SELECT * FROM process_round_robin WHERE rule = {rule} FOR UPDATE").SingleAsync(cancellationToken);
        var next = members.FirstOrDefault(m => string.CompareOrdinal(m, turn.LastUserId) > 0) ?? members[0];
        turn.LastUserId = next;
        turn.UpdatedAt = _now;
        return next;
    }

    /// <summary>A person's name as identity announced it; never their id.</summary>
    private async Task<string> NameAsync(string userId, CancellationToken cancellationToken) =>
        await PersonAsync(userId, cancellationToken) is { DisplayName.Length: > 0 } person ? person.DisplayName : "—";

    private async Task<bool> EnglishAsync(string userId, CancellationToken cancellationToken) =>
        await PersonAsync(userId, cancellationToken) is { Language: "en" };

    private async Task NotifyAsync(string userId, Guid itemId, Bilingual text, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        Overdue.OverdueJob.Notify(db, NotificationKind.Process, userId, itemId, text.In(await EnglishAsync(userId, cancellationToken)), dueAt, _now);

    /// <summary>A user task passed its due time while in a process: its process's owner is told.</summary>
    private async Task LateAsync(Run run, ProcessToken token, CancellationToken cancellationToken)
    {
        var item = await db.Items.AsNoTracking().SingleAsync(i => i.Id == token.TaskItemId, cancellationToken);
        var process = await ProcessOfAsync(run, cancellationToken);
        var node = run.Definition.Nodes[token.ElementId];
        Log(run, node, ProcessText.Late(item.Title), error: false);
        await NotifyAsync(process.OwnerUserId, item.Id, ProcessText.LateNotice(process.Name, item.Title), item.StartsAt, cancellationToken);
    }

    /// <summary>A boundary timer on an open task: notify, escalate, or (interrupting) cancel the task and follow the boundary's flow.</summary>
    private async Task BoundaryAsync(Run run, ProcessToken token, BoundaryTimer boundary, CancellationToken cancellationToken)
    {
        var item = await db.Items.SingleAsync(i => i.Id == token.TaskItemId, cancellationToken);
        var process = await ProcessOfAsync(run, cancellationToken);
        var assignee = item.AssigneeUserId ?? item.OwnerUserId;
        await StepAsync(run, token, boundary, boundary.OnLate, cancellationToken);
        Log(run, boundary, ProcessText.TimerFired(boundary.Name));
        if (boundary.Interrupting)
        {
            var before = item.Snapshot();
            item.Status = ItemState.Cancelled;
            item.UpdatedAt = _now;
            await ReminderPlan.ReplanAsync(db, item, _now, cancellationToken);
            db.Audit(AuditEvent.BySystem(Actor, ActorName, _now, "scheduling.item.updated", "item", item.Id.ToString(), before, item.Snapshot(),
                new { processInstanceId = run.Instance.Id, elementId = boundary.Id }));
            Log(run, boundary, ProcessText.TaskCancelled(item.Title));
            await DropTimersAsync(db, token.Id, cancellationToken);
            MoveOn(run, token, boundary.Outgoing);
            token.State = TokenState.Cancelled;
            return;
        }
        if (boundary.OnLate == "escalate")
        {
            var heads = await (from m in db.TeamMembers
                               join h in db.TeamHeads on m.TeamId equals h.TeamId
                               where m.UserId == assignee && h.HeadUserId != assignee
                               select h.HeadUserId).Distinct().OrderBy(h => h).ToListAsync(cancellationToken);
            var assigneeName = await NameAsync(assignee, cancellationToken);
            var before = item.Snapshot();
            item.WatcherUserIds = [.. item.WatcherUserIds.Union(heads)];
            item.UpdatedAt = _now;
            db.Audit(AuditEvent.BySystem(Actor, ActorName, _now, "scheduling.item.updated", "item", item.Id.ToString(), before, item.Snapshot(),
                new { processInstanceId = run.Instance.Id, elementId = boundary.Id }));
            foreach (var head in heads)
            {
                await NotifyAsync(head, item.Id, ProcessText.EscalationNotice(process.Name, item.Title, assigneeName), item.StartsAt, cancellationToken);
                Log(run, boundary, ProcessText.Escalated(item.Title, await NameAsync(head, cancellationToken)));
            }
        }
        else
        {
            foreach (var person in new[] { process.OwnerUserId, assignee }.Distinct())
            {
                await NotifyAsync(person, item.Id, ProcessText.LateNotice(process.Name, item.Title), item.StartsAt, cancellationToken);
            }
        }
        // A non-interrupting boundary's own flow (if drawn) runs beside the task, which goes on.
        foreach (var flowId in boundary.Outgoing)
        {
            var flow = run.Definition.Flows[flowId];
            AddToken(db, run.Instance, flow.Target, flow.Id, _now);
        }
    }

    /// <summary>The token's pending timers (its late alert, its boundaries) will not fire.</summary>
    public static Task DropTimersAsync(Infrastructure.SchedulingDbContext db, Guid tokenId, CancellationToken cancellationToken) =>
        db.ProcessTimers.Where(t => t.TokenId == tokenId && t.Status == TimerState.Pending && t.Kind != TimerKind.Advance)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TimerState.Dropped), cancellationToken);
}
