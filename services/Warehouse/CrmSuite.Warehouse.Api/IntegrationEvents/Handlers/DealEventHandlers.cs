using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Clients.Contracts.Events;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.Warehouse.Api.Reservations;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Warehouse.Api.IntegrationEvents.Handlers;

/// <summary>
/// What a deal's outcome does to its reservations. Runs inside the inbox's transaction (the inbox
/// row and these changes commit together, once per event); a deal without reservations is fine.
/// </summary>
public sealed class DealEventHandlers(WarehouseDbContext db, ReservationBook book, PostingEngine engine, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Lost: every active reservation of the deal is released.</summary>
    public async Task<InboxOutcome> HandleAsync(DealLost @event, CancellationToken cancellationToken)
    {
        var actor = Actor.System(DealLost.Topic);
        var reservations = await db.Reservations.AsNoTracking()
            .Where(r => r.DealId == @event.DealId && r.Status == ReservationState.Active)
            .OrderBy(r => r.ProductId).ThenBy(r => r.WarehouseId)
            .ToListAsync(cancellationToken);
        foreach (var reservation in reservations)
        {
            await book.ReleaseAsync(reservation, ReservationState.Released, actor, cancellationToken);
        }
        return InboxOutcome.Success;
    }

    /// <summary>Won: the deal's active reservations become a posted shipment per warehouse.</summary>
    public async Task<InboxOutcome> HandleAsync(DealWon @event, CancellationToken cancellationToken)
    {
        var actor = Actor.System(DealWon.Topic);
        var reservations = await db.Reservations.AsNoTracking()
            .Where(r => r.DealId == @event.DealId && r.Status == ReservationState.Active)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var warehouse in reservations.GroupBy(r => r.WarehouseId).OrderBy(g => g.Key))
        {
            var shipment = new Movement
            {
                Id = Guid.CreateVersion7(now),
                Type = MovementKind.Shipment,
                WarehouseId = warehouse.Key,
                DealId = @event.DealId,
                CompanyId = @event.CompanyId,
                Comment = "Shipment of the reservations of a won deal",
                CreatedAt = now,
                CreatedBy = actor.Id,
                Lines = warehouse.GroupBy(r => r.ProductId).OrderBy(g => g.Key)
                    .Select((g, i) => new MovementLine { LineNo = i + 1, ProductId = g.Key, Quantity = g.Sum(r => r.Quantity) })
                    .ToList(),
            };
            db.Movements.Add(shipment);
            await db.SaveChangesAsync(cancellationToken);
            await engine.PostAsync(shipment, actor, cancellationToken);
            audit.Record(actor, "warehouse.movement.posted", "movement", shipment.Id.ToString(), after: MovementsService.Snapshot(shipment),
                details: new { dealId = @event.DealId, trigger = DealWon.Topic });
            await db.SaveChangesAsync(cancellationToken);
        }
        return InboxOutcome.Success;
    }
}
