using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>
/// What every service tells the audit service about a write or a sensitive read: who, what,
/// which record, when, from where, the outcome, and before/after values for writes.
/// Published on the <see cref="Topic"/> topic through the outbox, so it commits with the change.
/// The one way to write one (docs/architecture.md, "Building blocks"): build it with
/// <see cref="From"/> (a caller) or <see cref="BySystem"/> (the service's own work), then
/// <see cref="AuditOutbox.Audit"/> for a write, <see cref="AuditOutbox.AuditReadAsync{TContext}"/> for a
/// read, or <see cref="OutboxSql"/> on a hot path that writes its outbox row inside one statement.
/// </summary>
public sealed record AuditEvent(
    string ActorId,
    string ActorName,
    string ActorRole,
    string Action,
    string EntityType,
    string EntityId,
    string? Ip,
    string? UserAgent,
    string Outcome,
    DateTimeOffset OccurredAt,
    object? Before,
    object? After,
    object? Details)
{
    public const string Topic = "audit";

    public static AuditEvent From(HttpContext http, DateTimeOffset at, string action, string entityType, string entityId,
        object? before = null, object? after = null, object? details = null, string outcome = "success")
    {
        var user = http.User;
        return new AuditEvent(
            user.UserId() ?? "anonymous",
            user.FindFirst(CrmClaims.Name)?.Value ?? string.Empty,
            // An integration's token has permissions but no role.
            string.Join(",", user.FindAll(CrmClaims.Role).Select(c => c.Value)) is { Length: > 0 } roles ? roles : "integration",
            action,
            entityType,
            entityId,
            http.Connection.RemoteIpAddress?.ToString(),
            http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 300)] : null,
            outcome,
            at,
            before,
            after,
            details);
    }

    /// <summary>
    /// Work a person started that finishes later, with no request of theirs in flight (a background
    /// import run): the actor is that person, as recorded when they started it; no address or agent.
    /// </summary>
    public static AuditEvent OnBehalfOf(string actorId, string actorName, string actorRole, DateTimeOffset at, string action, string entityType, string entityId,
        object? before = null, object? after = null, object? details = null) =>
        new(actorId, actorName, actorRole, action, entityType, entityId, null, null, "success", at, before, after, details);

    /// <summary>Work the service does on its own (an event handled, a timer): the actor is the service, named for people.</summary>
    public static AuditEvent BySystem(string actorId, string actorName, DateTimeOffset at, string action, string entityType, string entityId,
        object? before = null, object? after = null, object? details = null) =>
        OnBehalfOf(actorId, actorName, "system", at, action, entityType, entityId, before, after, details);
}

public static class AuditOutbox
{
    /// <summary>
    /// Queues the audit event of a write in the outbox; it commits (or not) with the caller's
    /// SaveChanges, so a change is never stored without its audit event, nor the other way round.
    /// </summary>
    public static OutboxMessage Audit(this IOutboxContext db, AuditEvent @event) =>
        db.Enqueue(AuditEvent.Topic, @event, @event.OccurredAt);

    /// <summary>The outbox row of an audit event, for <see cref="OutboxSql"/>.</summary>
    public static OutboxMessage Message(AuditEvent @event) => OutboxModel.Message(AuditEvent.Topic, @event, @event.OccurredAt);

    /// <summary>
    /// Records a sensitive read (a record viewed, a list searched): committed with the other reads in
    /// flight, before the answer leaves, so no read goes unrecorded.
    /// </summary>
    public static Task AuditReadAsync<TContext>(this OutboxGroupWriter<TContext> writer, HttpContext http, TimeProvider clock,
        string action, string entityType, string entityId, object? details, CancellationToken cancellationToken)
        where TContext : DbContext, IOutboxContext
    {
        var now = clock.GetUtcNow();
        return writer.AuditAsync(AuditEvent.From(http, now, action, entityType, entityId, details: details), cancellationToken);
    }

    /// <summary>
    /// Records an event that must be kept although the request's own transaction is not (a refusal):
    /// committed on its own with the other events in flight, before the answer leaves.
    /// </summary>
    public static Task AuditAsync<TContext>(this OutboxGroupWriter<TContext> writer, AuditEvent @event, CancellationToken cancellationToken)
        where TContext : DbContext, IOutboxContext =>
        writer.WriteAsync(AuditEvent.Topic, @event, @event.OccurredAt, cancellationToken);
}
