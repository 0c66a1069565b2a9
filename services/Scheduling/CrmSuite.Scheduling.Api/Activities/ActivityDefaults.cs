using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Activities;

/// <summary>
/// What an activity type gives a new item: its kind (when the request leaves kind unspecified), the
/// default length of a meeting or call that names no end, the default reminders of an item that
/// names none, and "a result is required" (which a type can add, never take away).
/// </summary>
internal static class ActivityDefaults
{
    /// <summary>The request with its type's defaults filled in, and the type (null when it names none).</summary>
    public static async Task<(CreateItemRequest Request, ActivityType? Type)> ApplyAsync(SchedulingDbContext db, CreateItemRequest request, CancellationToken cancellationToken)
    {
        if (request.ActivityTypeId.Trim().Length == 0)
        {
            return (request, null);
        }
        var type = await FindAsync(db, "activity_type_id", request.ActivityTypeId, cancellationToken);
        var filled = request.Clone();
        Fill(filled, type, "activity_type_id");
        return (filled, type);
    }

    /// <summary>A type offered for new items (not archived); 400 naming <paramref name="field"/> otherwise.</summary>
    public static async Task<ActivityType> FindAsync(SchedulingDbContext db, string field, string id, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var typeId = InputRules.Id(errors, field, id);
        errors.ThrowIfAny();
        return await db.ActivityTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == typeId && !t.Archived, cancellationToken)
            ?? throw new ValidationFailedException(field, "Activity type not found (or archived).");
    }

    public static void Fill(CreateItemRequest request, ActivityType type, string field)
    {
        var kind = type.Kind.ToMessage();
        if (request.Kind == Contracts.ItemKind.Unspecified)
        {
            request.Kind = kind;
        }
        else if (request.Kind != kind)
        {
            throw new ValidationFailedException(field, $"This activity type plans a {type.Kind.ToString().ToLowerInvariant()}; choose that kind or leave kind empty.");
        }
        if (type.Kind != Items.ItemKind.Task && !request.AllDay && request.End.Trim().Length == 0 && type.DefaultDurationMinutes > 0
            && InputRules.Local(new FieldErrors(), "start", request.Start, dateOnly: false, required: true, "start") is { } start)
        {
            request.End = InputRules.Local(start.AddMinutes(type.DefaultDurationMinutes));
        }
        if (request.ReminderMinutesBefore.Count == 0)
        {
            request.ReminderMinutesBefore.AddRange(type.DefaultReminderMinutesBefore);
        }
        request.ResultRequired |= type.ResultRequired;
    }
}
