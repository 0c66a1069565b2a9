using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CrmSuite.Scheduling.Api.Activities;

/// <summary>
/// "What next" (Odoo's activity chaining): completing an item plans the next activity in the same
/// unit of work, so both are saved or neither. What the request leaves out comes from the completed
/// item and its type's suggestion. The next item keeps the completed one's links to clients: they
/// were checked when that item was planned, and the caller sees that item, so they are not asked
/// for again (an assignee who does not see the company may still plan the call-back).
/// </summary>
internal static class NextActivity
{
    public static async Task<ScheduledItem?> PlanAsync(SchedulingDbContext db, ScheduledItem done, CompleteItemRequest request, HttpContext http,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!request.PlanNext)
        {
            return null;
        }
        var doneType = done.ActivityTypeId is { } doneTypeId
            ? await db.ActivityTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == doneTypeId, cancellationToken)
            : null;
        ActivityType type;
        if (request.NextActivityTypeId.Trim().Length > 0)
        {
            type = await ActivityDefaults.FindAsync(db, "next_activity_type_id", request.NextActivityTypeId, cancellationToken);
        }
        else if ((doneType?.NextTypeId ?? doneType?.Id) is { } suggested
            && await db.ActivityTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == suggested && !t.Archived, cancellationToken) is { } found)
        {
            type = found;
        }
        else
        {
            throw new ValidationFailedException("next_activity_type_id", "Choose the next activity's type: this item's type suggests none.");
        }

        var zone = request.NextTimeZone.Trim().Length > 0 ? request.NextTimeZone.Trim() : done.TimeZone;
        var allDay = done.AllDay && type.Kind == Items.ItemKind.Task && request.NextStart.Trim().Length == 0;
        var next = new CreateItemRequest
        {
            ActivityTypeId = type.Id.ToString(),
            Title = request.NextTitle.Trim().Length > 0 ? request.NextTitle : type.NameFor(http.Request.Headers.AcceptLanguage.ToString()),
            Start = request.NextStart.Trim().Length > 0 ? request.NextStart : SuggestedStart(done, doneType, zone, allDay, now),
            TimeZone = zone,
            AllDay = allDay,
            AssigneeUserId = request.NextAssigneeUserId.Trim().Length > 0 ? request.NextAssigneeUserId : done.AssigneeUserId ?? string.Empty,
            Priority = done.Priority switch { ItemPriority.High => Priority.High, ItemPriority.Low => Priority.Low, _ => Priority.Normal },
            CompanyId = done.CompanyId?.ToString() ?? string.Empty,
            ContactId = done.ContactId?.ToString() ?? string.Empty,
            DealId = done.DealId?.ToString() ?? string.Empty,
            LeadId = done.LeadId?.ToString() ?? string.Empty,
        };
        ActivityDefaults.Fill(next, type, "next_activity_type_id");
        var errors = new FieldErrors();
        var draft = ItemDraft.Read(next, type.Kind, errors);
        try
        {
            errors.ThrowIfAny();
        }
        catch (ValidationFailedException refused)
        {
            // The next item's fields are named as the request names them; its end follows from its start and type.
            throw new ValidationFailedException([.. refused.Errors.Select(e => e with { Field = e.Field == "end" ? "next_start" : "next_" + e.Field })]);
        }
        var item = await NewItem.AddAsync(db, http, type.Kind, draft!, type.Id, now, cancellationToken, auditDetails: new { plannedAfter = done.Id });
        done.NextItemId = item.Id;
        return item;
    }

    /// <summary>The suggested number of days after today (in the zone), at the completed item's time of day.</summary>
    private static string SuggestedStart(ScheduledItem done, ActivityType? doneType, string zoneId, bool allDay, DateTimeOffset now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateTimeUnspecified();
        var day = today.AddDays(doneType?.NextInDays ?? 0);
        return allDay ? InputRules.Date(day) : InputRules.Local(day + (done.AllDay ? TimeSpan.FromHours(9) : done.StartLocal.TimeOfDay));
    }
}
