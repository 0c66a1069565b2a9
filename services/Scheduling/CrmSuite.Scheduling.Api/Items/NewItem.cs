using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Reminders;
using Grpc.Core;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>Who a new item is planned by: its owner (and their team), and how its creation is audited.</summary>
internal sealed record ItemPlanner(string UserId, string Name, string? TeamId, Func<DateTimeOffset, string, object, object?, AuditEvent> Audit)
{
    /// <summary>The caller of a request.</summary>
    public static ItemPlanner Of(HttpContext http) => new(
        http.User.UserId() ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The token names no person.")),
        http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty,
        http.User.FindFirst(CrmClaims.Team)?.Value,
        (now, id, after, details) => AuditEvent.From(http, now, "scheduling.item.created", "item", id, after: after, details: details));
}

/// <summary>
/// A new item, added to the unit of work with its reminders and its audit event: one way for
/// CreateItem, "what next", plans and business processes, so all of them plan the same item.
/// </summary>
internal static class NewItem
{
    public static Task<ScheduledItem> AddAsync(SchedulingDbContext db, HttpContext http, ItemKind kind, ItemDraft draft, Guid? activityTypeId,
        DateTimeOffset now, CancellationToken cancellationToken, object? auditDetails = null) =>
        AddAsync(db, ItemPlanner.Of(http), kind, draft, activityTypeId, now, cancellationToken, auditDetails);

    public static async Task<ScheduledItem> AddAsync(SchedulingDbContext db, ItemPlanner planner, ItemKind kind, ItemDraft draft, Guid? activityTypeId,
        DateTimeOffset now, CancellationToken cancellationToken, object? auditDetails = null)
    {
        var item = new ScheduledItem
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Status = ItemState.Open,
            OwnerUserId = planner.UserId,
            OwnerName = planner.Name,
            TeamId = planner.TeamId,
            ActivityTypeId = activityTypeId,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = planner.UserId,
        };
        draft.ApplyTo(item);
        // A task nobody was named for is the creator's own.
        if (item.Kind == ItemKind.Task && item.AssigneeUserId is null)
        {
            item.AssigneeUserId = planner.UserId;
        }
        db.Items.Add(item);
        await ReminderPlan.ReplanAsync(db, item, now, cancellationToken);
        db.Audit(planner.Audit(now, item.Id.ToString(), item.Snapshot(), auditDetails));
        return item;
    }
}
