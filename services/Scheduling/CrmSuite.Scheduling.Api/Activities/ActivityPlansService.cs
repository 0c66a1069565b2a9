using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contracts = CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Scheduling.Api.Activities;

/// <summary>Activity plans: read by everyone who sees the calendar, shaped with clients.configure, applied (PlanApplication.cs) with scheduling.write.</summary>
public sealed partial class ActivityPlansService(SchedulingDbContext db, Items.ClientLinks clientLinks, TimeProvider clock) : Contracts.ActivityPlans.ActivityPlansBase
{
    private const string Entity = "ActivityPlan";
    public const int MaxSteps = 50;
    public const int MaxDayOffset = 366;

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListActivityPlansResponse> ListActivityPlans(ListActivityPlansRequest request, ServerCallContext context)
    {
        var query = db.ActivityPlans.AsNoTracking();
        if (!request.IncludeArchived)
        {
            query = query.Where(p => !p.Archived);
        }
        var response = new ListActivityPlansResponse();
        response.Plans.AddRange((await query.OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(context.CancellationToken)).Select(p => p.ToMessage()));
        return response;
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.ActivityPlan> CreateActivityPlan(ActivityPlanInput request, ServerCallContext context)
    {
        var (name, steps) = await ReadAsync(request, context.CancellationToken);
        var now = clock.GetUtcNow();
        var plan = new ActivityPlan { Id = Guid.CreateVersion7(now), Name = name, Steps = steps, CreatedAt = now, UpdatedAt = now };
        db.ActivityPlans.Add(plan);
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "scheduling.activity-plan.created", "activity-plan", plan.Id.ToString(), after: plan.ToMessage()));
        await db.SaveChangesAsync(context.CancellationToken);
        return plan.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.ActivityPlan> UpdateActivityPlan(ActivityPlanInput request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var version = InputRules.Version(request.Version);
        var (name, steps) = await ReadAsync(request, context.CancellationToken);
        var plan = await db.ActivityPlans.FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken) ?? throw new RecordNotFoundException(Entity, request.Id);
        Concurrency.CheckVersion(Entity, request.Id, plan.Version, version);
        var now = clock.GetUtcNow();
        var before = plan.ToMessage();
        plan.Name = name;
        plan.Steps = steps;
        plan.UpdatedAt = now;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "scheduling.activity-plan.updated", "activity-plan", plan.Id.ToString(), before: before, after: plan.ToMessage()));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return plan.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.ActivityPlan> ArchiveActivityPlan(ArchiveActivityPlanRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var version = InputRules.Version(request.Version);
        var plan = await db.ActivityPlans.FirstOrDefaultAsync(p => p.Id == id, context.CancellationToken) ?? throw new RecordNotFoundException(Entity, request.Id);
        Concurrency.CheckVersion(Entity, request.Id, plan.Version, version);
        var now = clock.GetUtcNow();
        plan.Archived = true;
        plan.UpdatedAt = now;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "scheduling.activity-plan.archived", "activity-plan", plan.Id.ToString(), after: plan.ToMessage()));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return plan.ToMessage();
    }

    private async Task<(string Name, List<PlanStep> Steps)> ReadAsync(ActivityPlanInput request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = InputRules.Text(errors, "name", request.Name, 200, required: true, "plan's name");
        if (request.Steps.Count is 0 or > MaxSteps)
        {
            errors.Add("steps", $"A plan has 1 to {MaxSteps} activities.");
        }
        var typeIds = new Dictionary<int, Guid>();
        for (var i = 0; i < request.Steps.Count && i < MaxSteps; i++)
        {
            var step = request.Steps[i];
            if (InputRules.Id(errors, $"steps[{i}].activity_type_id", step.ActivityTypeId) is { } typeId)
            {
                typeIds[i] = typeId;
            }
            else if (step.ActivityTypeId.Trim().Length == 0)
            {
                errors.Add($"steps[{i}].activity_type_id", "Required: the activity's type.");
            }
            InputRules.Text(errors, $"steps[{i}].title", step.Title, 300, required: false, "title");
            if (step.DayOffset is < 0 or > MaxDayOffset)
            {
                errors.Add($"steps[{i}].day_offset", $"Days after the start: 0 to {MaxDayOffset}.");
            }
            if (!Enum.IsDefined(step.Assignee))
            {
                errors.Add($"steps[{i}].assignee", "Choose the person applying the plan or the client's manager.");
            }
        }
        var wanted = typeIds.Values.Distinct().ToList();
        var known = await db.ActivityTypes.Where(t => wanted.Contains(t.Id) && !t.Archived).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var (i, typeId) in typeIds.Where(t => !known.Contains(t.Value)))
        {
            errors.Add($"steps[{i}].activity_type_id", "Activity type not found (or archived).");
        }
        errors.ThrowIfAny();
        var steps = request.Steps.Select((s, i) => new PlanStep(typeIds[i], s.Title.Trim(), s.DayOffset,
            s.Assignee == Contracts.PlanAssignee.Manager ? PlanAssignee.Manager : PlanAssignee.Caller)).ToList();
        return (name!, steps);
    }
}

internal static class ActivityPlanMapping
{
    public static Contracts.ActivityPlan ToMessage(this ActivityPlan plan)
    {
        var message = new Contracts.ActivityPlan
        {
            Id = plan.Id.ToString(),
            Name = plan.Name,
            Archived = plan.Archived,
            Version = plan.Version.ToString(CultureInfo.InvariantCulture),
        };
        message.Steps.AddRange(plan.Steps.Select(s => new Contracts.PlanStep
        {
            ActivityTypeId = s.ActivityTypeId.ToString(),
            Title = s.Title,
            DayOffset = s.DayOffset,
            Assignee = s.Assignee == PlanAssignee.Manager ? Contracts.PlanAssignee.Manager : Contracts.PlanAssignee.Caller,
        }));
        return message;
    }
}
