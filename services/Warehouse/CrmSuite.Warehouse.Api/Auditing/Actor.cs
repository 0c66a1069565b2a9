using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Warehouse.Api.Infrastructure;

namespace CrmSuite.Warehouse.Api.Auditing;

/// <summary>Who does something: a person or integration (from the token), or the service itself (events, expiry).</summary>
public sealed record Actor(string Id, string Name, HttpContext? Http)
{
    public static Actor From(HttpContext http) =>
        new(http.User.UserId() ?? "anonymous", http.User.FindFirst(CrmClaims.Name)?.Value ?? string.Empty, http);

    public static Actor System(string reason) => new("system:" + reason, "Warehouse service", null);
}

/// <summary>Queues audit events in the outbox; they commit with the caller's SaveChanges.</summary>
public sealed class AuditTrail(WarehouseDbContext db, TimeProvider clock)
{
    public void Record(Actor actor, string action, string entityType, string entityId, object? before = null, object? after = null, object? details = null)
    {
        var now = clock.GetUtcNow();
        var @event = actor.Http is { } http
            ? AuditEvent.From(http, now, action, entityType, entityId, before, after, details)
            : new AuditEvent(actor.Id, actor.Name, "system", action, entityType, entityId, null, null, "success", now, before, after, details);
        db.Enqueue(AuditEvent.Topic, @event, now);
    }
}
