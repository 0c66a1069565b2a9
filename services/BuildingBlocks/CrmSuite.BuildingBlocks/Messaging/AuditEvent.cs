using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>
/// What every service tells the audit service about a write or a sensitive read: who, what,
/// which record, when, from where, the outcome, and before/after values for writes.
/// Published on the <see cref="Topic"/> topic through the outbox, so it commits with the change.
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
}

public static class ReadAuditExtensions
{
    /// <summary>
    /// Records a sensitive read (a record viewed, a list searched): committed with the other reads in
    /// flight, before the answer leaves, so no read goes unrecorded.
    /// </summary>
    public static Task AuditReadAsync<TContext>(this OutboxGroupWriter<TContext> writer, HttpContext http, TimeProvider clock,
        string action, string entityType, string entityId, object? details, CancellationToken cancellationToken)
        where TContext : DbContext, IOutboxContext
    {
        var now = clock.GetUtcNow();
        return writer.WriteAsync(AuditEvent.Topic, AuditEvent.From(http, now, action, entityType, entityId, details: details), now, cancellationToken);
    }
}
