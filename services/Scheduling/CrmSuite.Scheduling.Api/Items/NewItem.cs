using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Reminders;
using Grpc.Core;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>
/// A new item owned by the caller, added to the unit of work with its reminders and its audit
/// event: one way for CreateItem, "what next" and plans, so all three plan the same item.
/// </summary>
internal static class NewItem
{
    public static async Task<ScheduledItem> AddAsync(SchedulingDbContext db, HttpContext http, ItemKind kind, ItemDraft draft, Guid? activityTypeId,
        DateTimeOffset now, CancellationToken cancellationToken, object? auditDetails = null)
    {
        var owner = http.User.UserId() ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The token names no person."));
        var item = new ScheduledItem
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Status = ItemState.Open,
            OwnerUserId = owner,
            OwnerName = http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty,
            TeamId = http.User.FindFirst(CrmClaims.Team)?.Value,
            ActivityTypeId = activityTypeId,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = owner,
        };
        draft.ApplyTo(item);
        // A task nobody was named for is the creator's own.
        if (item.Kind == ItemKind.Task && item.AssigneeUserId is null)
        {
            item.AssigneeUserId = owner;
        }
        db.Items.Add(item);
        await ReminderPlan.ReplanAsync(db, item, now, cancellationToken);
        db.Audit(AuditEvent.From(http, now, "scheduling.item.created", "item", item.Id.ToString(), after: item.Snapshot(), details: auditDetails));
        return item;
    }
}
