using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Overdue;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CrmSuite.Scheduling.Api.Activities;

/// <summary>
/// Applying a plan to a company or a deal: the target is checked with the clients service as the
/// caller (one they cannot see is refused, naming the field, as an item's link is), then every
/// step becomes an item linked to it, with its type's defaults and reminders, all in one
/// transaction. A step for "the manager" goes to the company's (the deal's) responsible manager, or
/// to the caller when it has none.
/// </summary>
public sealed partial class ActivityPlansService
{
    private static readonly TimeSpan DefaultTimeOfDay = TimeSpan.FromHours(9);

    [Authorize(Policy = Permissions.SchedulingWrite)]
    public override async Task<ApplyActivityPlanResponse> ApplyActivityPlan(ApplyActivityPlanRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var id = InputRules.Id("id", request.Id);
        var errors = new FieldErrors();
        var companyId = InputRules.Id(errors, "company_id", request.CompanyId);
        var dealId = InputRules.Id(errors, "deal_id", request.DealId);
        if (request.CompanyId.Trim().Length > 0 == request.DealId.Trim().Length > 0)
        {
            errors.Add("company_id", "Apply the plan to a company or to a deal (one of them).");
        }
        var zoneId = InputRules.Zone(errors, "time_zone", request.TimeZone);
        DateTime? startDate = null;
        if (request.StartDate.Trim().Length > 0)
        {
            startDate = InputRules.Local(errors, "start_date", request.StartDate, dateOnly: true, required: true, "start date");
        }
        var timeOfDay = DefaultTimeOfDay;
        if (request.TimeOfDay.Trim().Length > 0 && !TimeSpan.TryParseExact(request.TimeOfDay.Trim(), "hh\\:mm", CultureInfo.InvariantCulture, out timeOfDay))
        {
            errors.Add("time_of_day", "A time of day like 09:00.");
        }
        errors.ThrowIfAny();
        var plan = await db.ActivityPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && !p.Archived, context.CancellationToken)
            ?? throw new RecordNotFoundException(Entity, request.Id);

        var link = companyId is { } company
            ? new ClientLinks.Link("company_id", ClientLinks.Kind.Company, company)
            : new ClientLinks.Link("deal_id", ClientLinks.Kind.Deal, dealId!.Value);
        var target = await clientLinks.FindAsync(link, http, context.CancellationToken)
            ?? throw new ValidationFailedException(link.Field, $"{link.Kind} not found.");

        var now = clock.GetUtcNow();
        var caller = http.User.UserId() ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The token names no person."));
        var manager = target.OwnerUserId.Length > 0 ? target.OwnerUserId : caller;
        var zone = DateTimeZoneProviders.Tzdb[zoneId!];
        var first = startDate ?? Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateTimeUnspecified();
        var stepTypes = plan.Steps.Select(s => s.ActivityTypeId).Distinct().ToList();
        var types = await db.ActivityTypes.AsNoTracking().Where(t => stepTypes.Contains(t.Id)).ToDictionaryAsync(t => t.Id, context.CancellationToken);
        var language = http.Request.Headers.AcceptLanguage.ToString();

        var items = new List<ScheduledItem>();
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var type = types[step.ActivityTypeId];
            var day = first.AddDays(step.DayOffset);
            if (request.SkipWeekends)
            {
                day = day.DayOfWeek switch { DayOfWeek.Saturday => day.AddDays(2), DayOfWeek.Sunday => day.AddDays(1), _ => day };
            }
            var create = new CreateItemRequest
            {
                ActivityTypeId = type.Id.ToString(),
                Title = step.Title.Length > 0 ? step.Title : type.NameFor(language),
                Start = InputRules.Local(day + timeOfDay),
                TimeZone = zoneId!,
                AssigneeUserId = step.Assignee == PlanAssignee.Manager ? manager : caller,
                CompanyId = (target.CompanyId ?? companyId)?.ToString() ?? string.Empty,
                DealId = dealId?.ToString() ?? string.Empty,
            };
            ActivityDefaults.Fill(create, type, $"steps[{i}].activity_type_id");
            var stepErrors = new FieldErrors();
            var draft = ItemDraft.Read(create, type.Kind, stepErrors);
            stepErrors.ThrowIfAny();
            items.Add(await NewItem.AddAsync(db, http, type.Kind, draft!, type.Id, now, context.CancellationToken, auditDetails: new { plan = plan.Id, step = i }));
        }
        db.Audit(AuditEvent.From(http, now, "scheduling.activity-plan.applied", "activity-plan", plan.Id.ToString(),
            details: new { companyId = target.CompanyId ?? companyId, dealId, items = items.Select(i => i.Id) }));
        await db.SaveChangesAsync(context.CancellationToken);
        var response = new ApplyActivityPlanResponse();
        response.Items.AddRange(items.Select(i => i.ToMessage().WithOverdue(i, now)));
        return response;
    }
}
