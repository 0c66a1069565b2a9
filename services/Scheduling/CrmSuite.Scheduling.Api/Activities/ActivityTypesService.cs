using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Contracts = CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Scheduling.Api.Activities;

/// <summary>Activity types: everyone who sees the calendar reads them; clients.configure shapes them.</summary>
public sealed class ActivityTypesService(SchedulingDbContext db, TimeProvider clock) : Contracts.ActivityTypes.ActivityTypesBase
{
    private const string Entity = "ActivityType";
    public const int MaxDurationMinutes = 60 * 24 * 31;
    public const int MaxNextInDays = 366;

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListActivityTypesResponse> ListActivityTypes(ListActivityTypesRequest request, ServerCallContext context)
    {
        var query = db.ActivityTypes.AsNoTracking();
        if (!request.IncludeArchived)
        {
            query = query.Where(t => !t.Archived);
        }
        var types = await query.OrderBy(t => t.Code == null).ThenBy(t => t.NameRu).ThenBy(t => t.Id).ToListAsync(context.CancellationToken);
        var response = new ListActivityTypesResponse();
        response.Types_.AddRange(types.Select(t => t.ToMessage()));
        return response;
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.ActivityType> CreateActivityType(ActivityTypeInput request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var input = await ReadAsync(request, errors, self: null, context.CancellationToken);
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        var type = new ActivityType { Id = Guid.CreateVersion7(now), CreatedAt = now };
        input!.ApplyTo(type, now);
        db.ActivityTypes.Add(type);
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "scheduling.activity-type.created", "activity-type", type.Id.ToString(), after: type.ToMessage()));
        await db.SaveChangesAsync(context.CancellationToken);
        return type.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.ActivityType> UpdateActivityType(ActivityTypeInput request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var version = InputRules.Version(request.Version);
        var errors = new FieldErrors();
        var input = await ReadAsync(request, errors, self: id, context.CancellationToken);
        errors.ThrowIfAny();
        var type = await db.ActivityTypes.FirstOrDefaultAsync(t => t.Id == id, context.CancellationToken) ?? throw new RecordNotFoundException(Entity, request.Id);
        if (type.Code is not null && input!.Kind != type.Kind)
        {
            throw new ValidationFailedException("kind", "A built-in type keeps its kind; make a type of your own for another.");
        }
        Concurrency.CheckVersion(Entity, request.Id, type.Version, version);
        var now = clock.GetUtcNow();
        var before = type.ToMessage();
        input!.ApplyTo(type, now);
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "scheduling.activity-type.updated", "activity-type", type.Id.ToString(), before: before, after: type.ToMessage()));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return type.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.ActivityType> ArchiveActivityType(ArchiveActivityTypeRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        var version = InputRules.Version(request.Version);
        var type = await db.ActivityTypes.FirstOrDefaultAsync(t => t.Id == id, context.CancellationToken) ?? throw new RecordNotFoundException(Entity, request.Id);
        if (type.Code is not null)
        {
            throw new StateConflictException("id", "A built-in type cannot be archived; change its defaults instead.");
        }
        Concurrency.CheckVersion(Entity, request.Id, type.Version, version);
        var now = clock.GetUtcNow();
        type.Archived = true;
        type.UpdatedAt = now;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "scheduling.activity-type.archived", "activity-type", type.Id.ToString(), after: type.ToMessage()));
        await db.SaveChangesOrConflictAsync(Entity, request.Id, context.CancellationToken);
        return type.ToMessage();
    }

    private sealed record Input(string NameRu, string NameEn, Items.ItemKind Kind, int Duration, int[] Reminders, bool ResultRequired, Guid? NextTypeId, int NextInDays)
    {
        public void ApplyTo(ActivityType type, DateTimeOffset now)
        {
            type.NameRu = NameRu;
            type.NameEn = NameEn;
            type.Kind = Kind;
            type.DefaultDurationMinutes = Duration;
            type.DefaultReminderMinutesBefore = Reminders;
            type.ResultRequired = ResultRequired;
            type.NextTypeId = NextTypeId;
            type.NextInDays = NextInDays;
            type.UpdatedAt = now;
        }
    }

    private async Task<Input?> ReadAsync(ActivityTypeInput request, FieldErrors errors, Guid? self, CancellationToken cancellationToken)
    {
        var nameRu = InputRules.Text(errors, "name_ru", request.NameRu, 100, required: false, "Russian name");
        var nameEn = InputRules.Text(errors, "name_en", request.NameEn, 100, required: false, "English name");
        if (nameRu is null && nameEn is null && request.NameRu.Trim().Length == 0 && request.NameEn.Trim().Length == 0)
        {
            errors.Add("name_ru", "Required: a name in Russian or in English (or both).");
        }
        var kind = ItemMapping.FromMessage(request.Kind);
        if (kind is null)
        {
            errors.Add("kind", "Choose what an item of this type is: a task, a meeting or a call.");
        }
        if (request.DefaultDurationMinutes is < 0 or > MaxDurationMinutes)
        {
            errors.Add("default_duration_minutes", $"Minutes: 0 to {MaxDurationMinutes} (31 days).");
        }
        else if (kind is Items.ItemKind.Meeting or Items.ItemKind.Call && request.DefaultDurationMinutes == 0)
        {
            errors.Add("default_duration_minutes", "A meeting or call type needs a default length in minutes.");
        }
        var reminders = ReminderPlan.Offsets(errors, "default_reminder_minutes_before", request.DefaultReminderMinutesBefore);
        Guid? next = null;
        if (request.NextTypeId.Trim().Length > 0 && InputRules.Id(errors, "next_type_id", request.NextTypeId) is { } nextId)
        {
            if (nextId != self && !await db.ActivityTypes.AnyAsync(t => t.Id == nextId && !t.Archived, cancellationToken))
            {
                errors.Add("next_type_id", "Activity type not found (or archived).");
            }
            next = nextId;
        }
        if (request.NextInDays is < 0 or > MaxNextInDays)
        {
            errors.Add("next_in_days", $"Days: 0 to {MaxNextInDays}.");
        }
        else if (request.NextInDays > 0 && next is null)
        {
            errors.Add("next_in_days", "Days until the next activity need a suggested next type.");
        }
        return errors.Any ? null : new Input(nameRu ?? string.Empty, nameEn ?? string.Empty, kind!.Value, request.DefaultDurationMinutes, reminders, request.ResultRequired, next, request.NextInDays);
    }
}

internal static class ActivityTypeMapping
{
    public static Contracts.ActivityType ToMessage(this ActivityType type)
    {
        var message = new Contracts.ActivityType
        {
            Id = type.Id.ToString(),
            Code = type.Code ?? string.Empty,
            NameRu = type.NameRu,
            NameEn = type.NameEn,
            Kind = type.Kind.ToMessage(),
            DefaultDurationMinutes = type.DefaultDurationMinutes,
            ResultRequired = type.ResultRequired,
            NextTypeId = type.NextTypeId?.ToString() ?? string.Empty,
            NextInDays = type.NextInDays,
            Archived = type.Archived,
            Version = type.Version.ToString(CultureInfo.InvariantCulture),
        };
        message.DefaultReminderMinutesBefore.AddRange(type.DefaultReminderMinutesBefore);
        return message;
    }
}
