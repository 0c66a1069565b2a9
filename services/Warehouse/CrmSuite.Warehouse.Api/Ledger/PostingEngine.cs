using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Warehouse.Api.Alerts;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Contracts.Events;
using CrmSuite.Warehouse.Api.Reservations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Warehouse.Api.Ledger;

/// <summary>
/// Posts a movement: writes its ledger entries and moves the stock levels with them, in the
/// caller's transaction. Every stock row the movement touches is locked first (FOR UPDATE, in key
/// order so two postings never deadlock), so the checks below see the committed truth and nobody
/// can change it before commit; the database's CHECK constraints refuse a negative or oversold
/// level whatever happens here.
/// </summary>
public sealed class PostingEngine(WarehouseDbContext db, TimeProvider clock, FlagRules flags)
{
    /// <summary>The currency of the ledger's costs and values (a Russian business keeps its books in roubles).</summary>
    public const string LedgerCurrency = "RUB";

    private sealed record Delta(int LineIndex, int LineNo, Guid ProductId, Guid WarehouseId, decimal Quantity, decimal? InflowValue, decimal? UnitCost);

    public async Task PostAsync(Movement movement, Actor actor, CancellationToken cancellationToken)
    {
        if (movement.Posted)
        {
            throw new StateConflictException("id", $"Movement {movement.Number} is already posted; correct it by reversing it.");
        }
        var now = clock.GetUtcNow();
        var productIds = movement.Lines.Select(l => l.ProductId).Distinct().ToArray();
        var skus = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Sku, cancellationToken);

        var original = movement.ReversesMovementId is { } reversedId
            ? await db.LedgerEntries.AsNoTracking().Where(e => e.MovementId == reversedId).OrderBy(e => e.Id).ToListAsync(cancellationToken)
            : null;

        var keys = movement.Lines.Select(l => (l.ProductId, movement.WarehouseId))
            .Concat(movement.DestinationWarehouseId is { } destinationId ? movement.Lines.Select(l => (l.ProductId, destinationId)) : [])
            .Concat(original?.Select(e => (e.ProductId, e.WarehouseId)) ?? [])
            .Distinct()
            .OrderBy(k => k.ProductId).ThenBy(k => k.Item2)
            .ToList();
        var levels = await LockLevelsAsync(keys, now, cancellationToken);
        var minimumBefore = levels.Values.Where(l => l.MinimumQuantity > 0).ToDictionary(l => (l.ProductId, l.WarehouseId), l => l.OnHand >= l.MinimumQuantity);

        var entries = new List<LedgerEntry>();
        if (original is not null)
        {
            // A reversal negates the original's entries: what came in goes out at today's average
            // cost, what went out comes back at the value it left with.
            for (var i = 0; i < original.Count; i++)
            {
                var entry = original[i];
                var level = levels[(entry.ProductId, entry.WarehouseId)];
                var quantity = -entry.QuantityDelta;
                if (quantity > 0)
                {
                    entries.Add(In(level, entry.LineNo, quantity, -entry.ValueDelta, movement.Id, now));
                }
                else if (quantity < 0)
                {
                    entries.Add(Out(level, entry.LineNo, -quantity, 0m, Sku(skus, entry.ProductId), "lines", movement.Id, now));
                }
            }
            foreach (var line in movement.Lines)
            {
                line.UnitCost = entries.Where(e => e.LineNo == line.LineNo).Select(e => (decimal?)e.UnitCost).FirstOrDefault();
            }
        }
        else
        {
            for (var i = 0; i < movement.Lines.Count; i++)
            {
                var line = movement.Lines[i];
                var sku = Sku(skus, line.ProductId);
                var level = levels[(line.ProductId, movement.WarehouseId)];
                var field = $"lines[{i}].quantity";
                switch (movement.Type)
                {
                    case MovementKind.Receipt:
                        entries.Add(In(level, line.LineNo, line.Quantity, Math.Round(line.Quantity * line.UnitCost!.Value, 4, MidpointRounding.AwayFromZero), movement.Id, now));
                        break;
                    case MovementKind.Shipment:
                    {
                        var consumed = await ConsumeReservationsAsync(movement, line, now, cancellationToken);
                        var entry = Out(level, line.LineNo, line.Quantity, consumed, sku, field, movement.Id, now);
                        entries.Add(entry);
                        line.UnitCost = entry.UnitCost;
                        break;
                    }
                    case MovementKind.WriteOff:
                    {
                        var entry = Out(level, line.LineNo, line.Quantity, 0m, sku, field, movement.Id, now);
                        entries.Add(entry);
                        line.UnitCost = entry.UnitCost;
                        break;
                    }
                    case MovementKind.Transfer:
                    {
                        var outbound = Out(level, line.LineNo, line.Quantity, 0m, sku, field, movement.Id, now);
                        var destination = levels[(line.ProductId, movement.DestinationWarehouseId!.Value)];
                        entries.Add(outbound);
                        entries.Add(In(destination, line.LineNo, line.Quantity, -outbound.ValueDelta, movement.Id, now));
                        line.UnitCost = outbound.UnitCost;
                        break;
                    }
                    case MovementKind.CountAdjustment:
                    {
                        var difference = line.CountedQuantity!.Value - level.OnHand;
                        if (difference > 0)
                        {
                            var cost = line.UnitCost ?? level.AverageCost;
                            entries.Add(In(level, line.LineNo, difference, Math.Round(difference * cost, 4, MidpointRounding.AwayFromZero), movement.Id, now));
                        }
                        else if (difference < 0)
                        {
                            if (line.CountedQuantity.Value < level.Reserved)
                            {
                                throw new StateConflictException(field,
                                    $"{sku}: counted {Numbers.Qty(line.CountedQuantity.Value)} but {Numbers.Qty(level.Reserved)} are reserved; release reservations before booking the count.");
                            }
                            entries.Add(Out(level, line.LineNo, -difference, 0m, sku, field, movement.Id, now));
                        }
                        line.Quantity = difference;
                        line.UnitCost = entries.LastOrDefault(e => e.LineNo == line.LineNo)?.UnitCost ?? level.AverageCost;
                        break;
                    }
                    default:
                        throw new ValidationFailedException("type", "Unknown movement type.");
                }
            }
        }

        db.LedgerEntries.AddRange(entries);
        movement.Posted = true;
        movement.PostedAt = now;
        movement.PostedBy = actor.Id;

        foreach (var level in levels.Values)
        {
            if (minimumBefore.TryGetValue((level.ProductId, level.WarehouseId), out var wasAtOrAbove) && wasAtOrAbove && level.OnHand < level.MinimumQuantity)
            {
                db.Enqueue(StockBelowMinimum.Topic,
                    new StockBelowMinimum(level.ProductId, Sku(skus, level.ProductId), level.WarehouseId, level.OnHand, level.MinimumQuantity, movement.Id, now), now);
            }
        }

        if (movement.Type == MovementKind.Shipment && movement.ReversesMovementId is null)
        {
            var cost = Math.Round(-entries.Sum(e => e.ValueDelta), 2, MidpointRounding.AwayFromZero);
            db.Enqueue(ShipmentPosted.Topic,
                new ShipmentPosted(movement.Id, movement.DealId, movement.CompanyId, actor.Id, cost, LedgerCurrency, movement.Lines.Count, now), now);
        }

        var writtenOff = movement.Type == MovementKind.WriteOff && movement.ReversesMovementId is null ? -entries.Sum(e => e.ValueDelta) : 0m;
        flags.Check(movement, actor, writtenOff, now);
    }

    /// <summary>Creates missing stock rows, then locks every row the movement touches, in key order.</summary>
    internal async Task<Dictionary<(Guid, Guid), StockLevel>> LockLevelsAsync(IReadOnlyList<(Guid ProductId, Guid WarehouseId)> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var products = keys.Select(k => k.ProductId).ToArray();
        var warehouses = keys.Select(k => k.WarehouseId).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO stock_levels (product_id, warehouse_id, on_hand, reserved, stock_value, minimum_quantity, updated_at)
            SELECT k.p, k.w, 0, 0, 0, 0, {now} FROM unnest({products}, {warehouses}) AS k(p, w)
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        var locked = await db.StockLevels
            .FromSqlInterpolated($"""
                SELECT s.* FROM stock_levels s JOIN unnest({products}, {warehouses}) AS k(p, w) ON s.product_id = k.p AND s.warehouse_id = k.w
                ORDER BY s.product_id, s.warehouse_id FOR UPDATE OF s
                """)
            .ToListAsync(cancellationToken);
        // Under READ COMMITTED, FOR UPDATE waits for a concurrent writer and returns the row as it
        // committed; a row already tracked by this context holds this transaction's own changes.
        return locked.ToDictionary(l => (l.ProductId, l.WarehouseId));
    }

    private static LedgerEntry In(StockLevel level, int lineNo, decimal quantity, decimal value, Guid movementId, DateTimeOffset now)
    {
        level.OnHand += quantity;
        level.StockValue += value;
        level.UpdatedAt = now;
        return new LedgerEntry
        {
            MovementId = movementId,
            LineNo = lineNo,
            ProductId = level.ProductId,
            WarehouseId = level.WarehouseId,
            QuantityDelta = quantity,
            ValueDelta = value,
            UnitCost = Math.Round(value / quantity, 4, MidpointRounding.AwayFromZero),
            PostedAt = now,
        };
    }

    /// <summary>Takes goods out at moving average cost; refuses to take more than is available.</summary>
    private static LedgerEntry Out(StockLevel level, int lineNo, decimal quantity, decimal consumedReservation, string sku, string field, Guid movementId, DateTimeOffset now)
    {
        var available = level.OnHand - (level.Reserved - consumedReservation);
        if (quantity > available)
        {
            throw new StateConflictException(field,
                $"Not enough {sku} in stock: requested {Numbers.Qty(quantity)}, available {Numbers.Qty(Math.Max(available, 0m))}.");
        }
        var value = quantity == level.OnHand ? level.StockValue : Math.Round(level.StockValue * quantity / level.OnHand, 4, MidpointRounding.AwayFromZero);
        level.OnHand -= quantity;
        level.Reserved -= consumedReservation;
        level.StockValue -= value;
        level.UpdatedAt = now;
        return new LedgerEntry
        {
            MovementId = movementId,
            LineNo = lineNo,
            ProductId = level.ProductId,
            WarehouseId = level.WarehouseId,
            QuantityDelta = -quantity,
            ValueDelta = -value,
            UnitCost = Math.Round(value / quantity, 4, MidpointRounding.AwayFromZero),
            PostedAt = now,
        };
    }

    /// <summary>A shipment for a deal takes the deal's reservations of the product first, oldest first.</summary>
    private async Task<decimal> ConsumeReservationsAsync(Movement movement, MovementLine line, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (movement.DealId is not { } dealId)
        {
            return 0m;
        }
        // Locked after the stock row, the same order a release takes, so the two never deadlock.
        var reservations = await db.Reservations
            .FromSqlInterpolated($"""
                SELECT * FROM reservations
                WHERE deal_id = {dealId} AND product_id = {line.ProductId} AND warehouse_id = {movement.WarehouseId} AND status = {(short)ReservationState.Active}
                ORDER BY created_at, id FOR UPDATE
                """)
            .ToListAsync(cancellationToken);
        var remaining = line.Quantity;
        var consumed = 0m;
        foreach (var reservation in reservations)
        {
            if (remaining <= 0)
            {
                break;
            }
            var take = Math.Min(remaining, reservation.Quantity);
            if (take == reservation.Quantity)
            {
                reservation.Status = ReservationState.Shipped;
                reservation.ClosedAt = now;
                reservation.ShipmentMovementId = movement.Id;
            }
            else
            {
                reservation.Quantity -= take;
            }
            remaining -= take;
            consumed += take;
        }
        return consumed;
    }

    private static string Sku(Dictionary<Guid, string> skus, Guid productId) => skus.TryGetValue(productId, out var sku) ? sku : productId.ToString();
}
