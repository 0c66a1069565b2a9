using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>What every write of the deals module does the same way: its audit event, the save, the version check.</summary>
internal sealed class DealWrites(ClientsDbContext db, TimeProvider clock)
{
    /// <summary>Queues the audit event of a write; it commits with the write's SaveChanges (outbox).</summary>
    public void Audit(ServerCallContext context, string action, string entityType, Guid entityId, object? before, object? after, object? details = null) =>
        db.Audit(AuditEvent.From(context.GetHttpContext(), clock.GetUtcNow(), action, entityType, entityId.ToString(), before, after, details));

    public Task SaveAsync(string entity, Guid id, CancellationToken cancellationToken) =>
        db.SaveChangesOrConflictAsync(entity, id.ToString(), cancellationToken);

    public static void CheckVersion(string entity, Guid id, uint actual, uint? expected) =>
        Concurrency.CheckVersion(entity, id.ToString(), actual, expected);

    public static Visibility Caller(ServerCallContext context) => Visibility.Of(context.GetHttpContext().User);
}
