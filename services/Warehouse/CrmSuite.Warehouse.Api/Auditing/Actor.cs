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

    /// <summary>The audit event of something this actor did.</summary>
    public AuditEvent Audit(DateTimeOffset at, string action, string entityType, string entityId, object? before = null, object? after = null, object? details = null) =>
        Http is { } http
            ? AuditEvent.From(http, at, action, entityType, entityId, before, after, details)
            : AuditEvent.BySystem(Id, Name, at, action, entityType, entityId, before, after, details);
}

/// <summary>Queues audit events in the outbox; they commit with the caller's SaveChanges.</summary>
public sealed class AuditTrail(WarehouseDbContext db, TimeProvider clock)
{
    public void Record(Actor actor, string action, string entityType, string entityId, object? before = null, object? after = null, object? details = null)
        => db.Audit(actor.Audit(clock.GetUtcNow(), action, entityType, entityId, before, after, details));
}
