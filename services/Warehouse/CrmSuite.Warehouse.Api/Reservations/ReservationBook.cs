using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmSuite.Warehouse.Api.Reservations;

/// <summary>
/// Reserving and releasing stock for deals. Overselling is prevented by the database, not by
/// this code: one conditional UPDATE per line adds to <c>reserved</c> only while
/// <c>on_hand - reserved &gt;= quantity</c>, and the row lock it takes serialises competitors on
/// the same product. This is the hot path measured by bench/warehouse-reservations: the update,
/// the reservation row and its audit event go in one statement, so the row lock is held for one
/// round trip plus the commit.
/// </summary>
public sealed class ReservationBook(WarehouseDbContext db, TimeProvider clock)
{
    public sealed record Line(Guid ProductId, decimal Quantity);

    public async Task<List<(Reservation Reservation, string Sku)>> ReserveAsync(Guid dealId, Guid warehouseId, IReadOnlyList<Line> lines, DateTimeOffset expiresAt, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ordered = lines.Select((line, index) => (line, index)).OrderBy(x => x.line.ProductId).ToList();
        var own = db.Database.CurrentTransaction is null && lines.Count > 1;
        await using var transaction = own ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var reservations = new (Reservation Reservation, string Sku)[lines.Count];
        foreach (var (line, index) in ordered)
        {
            var reservation = new Reservation
            {
                Id = Guid.CreateVersion7(now),
                DealId = dealId,
                WarehouseId = warehouseId,
                ProductId = line.ProductId,
                Quantity = line.Quantity,
                Status = ReservationState.Active,
                CreatedAt = now,
                ExpiresAt = expiresAt,
                CreatedBy = actor.Id,
            };
            var reserved = await ReserveLineAsync(reservation, AuditOutbox.Message(Created(actor, now, reservation)), cancellationToken);
            if (reserved is null)
            {
                if (transaction is not null)
                {
                    await transaction.RollbackAsync(cancellationToken);
                }
                throw await ShortageAsync(line, warehouseId, index, cancellationToken);
            }
            reservations[index] = (reservation, reserved);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return [.. reservations];
    }

    /// <summary>
    /// One statement, one round trip: the conditional UPDATE, the reservation row and its audit
    /// event (plus the relay's wake-up at commit, both through <see cref="OutboxSql"/>) only when
    /// the UPDATE found enough available.
    /// Plain Npgsql rather than EF: data-modifying CTEs cannot be composed, and this is the hot path.
    /// </summary>
    private async Task<string?> ReserveLineAsync(Reservation reservation, OutboxMessage audit, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH reserved AS (
                UPDATE stock_levels s SET reserved = s.reserved + @quantity, updated_at = @now
                FROM products p
                WHERE s.product_id = @product AND s.warehouse_id = @warehouse AND s.on_hand - s.reserved >= @quantity AND p.id = s.product_id
                RETURNING p.sku),
            inserted AS (
                INSERT INTO reservations (id, deal_id, warehouse_id, product_id, quantity, status, created_at, expires_at, created_by)
                SELECT @id, @deal, @warehouse, @product, @quantity, @active, @now, @expires, @by FROM reserved),
            {OutboxSql.InsertWhen("reserved")}
            SELECT (SELECT sku FROM reserved), {OutboxSql.NotifiedCount}
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            return await ExecuteAsync(connection, sql, reservation, audit, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task<string?> ExecuteAsync(NpgsqlConnection connection, string sql, Reservation reservation, OutboxMessage audit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
        };
        command.Parameters.AddWithValue("quantity", reservation.Quantity);
        command.Parameters.AddWithValue("now", reservation.CreatedAt);
        command.Parameters.AddWithValue("product", reservation.ProductId);
        command.Parameters.AddWithValue("warehouse", reservation.WarehouseId);
        command.Parameters.AddWithValue("id", reservation.Id);
        command.Parameters.AddWithValue("deal", reservation.DealId);
        command.Parameters.AddWithValue("active", (short)ReservationState.Active);
        command.Parameters.AddWithValue("expires", reservation.ExpiresAt);
        command.Parameters.AddWithValue("by", reservation.CreatedBy);
        OutboxSql.AddParameters(command, audit);
        // The SKU when reserved (so the answer needs no second query), NULL when not enough was available.
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// Releases one active reservation (lost deal, expiry, or by hand). Returns false when it was
    /// no longer active. Runs in the caller's transaction when there is one.
    /// </summary>
    public async Task<bool> ReleaseAsync(Reservation reservation, ReservationState outcome, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var own = db.Database.CurrentTransaction is null;
        await using var transaction = own ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // The stock row first, then the reservation: the order a shipment takes them in.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM stock_levels WHERE product_id = {reservation.ProductId} AND warehouse_id = {reservation.WarehouseId} FOR UPDATE", cancellationToken);
        var closed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE reservations SET status = {(short)outcome}, closed_at = {now} WHERE id = {reservation.Id} AND status = {(short)ReservationState.Active}", cancellationToken);
        if (closed == 0)
        {
            return false;
        }
        var quantity = await db.Reservations.Where(r => r.Id == reservation.Id).Select(r => r.Quantity).SingleAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE stock_levels SET reserved = reserved - {quantity}, updated_at = {now} WHERE product_id = {reservation.ProductId} AND warehouse_id = {reservation.WarehouseId}", cancellationToken);
        reservation.Status = outcome;
        reservation.ClosedAt = now;
        reservation.Quantity = quantity;
        var action = outcome == ReservationState.Expired ? "warehouse.reservation.expired" : "warehouse.reservation.released";
        new AuditTrail(db, clock).Record(actor, action, "reservation", reservation.Id.ToString(),
            before: new { status = "Active", quantity = Numbers.Qty(quantity) }, after: new { status = outcome.ToString() },
            details: new { dealId = reservation.DealId, productId = reservation.ProductId, warehouseId = reservation.WarehouseId });
        if (own)
        {
            // Detach the caller's copy so SaveChanges writes only the audit event.
            if (db.Entry(reservation).State != EntityState.Detached)
            {
                db.Entry(reservation).State = EntityState.Unchanged;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction!.CommitAsync(cancellationToken);
        }
        else if (db.Entry(reservation).State != EntityState.Detached)
        {
            db.Entry(reservation).State = EntityState.Unchanged;
        }
        return true;
    }

    private async Task<Exception> ShortageAsync(Line line, Guid warehouseId, int index, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Where(p => p.Id == line.ProductId).Select(p => new { p.Sku, p.Name }).FirstOrDefaultAsync(cancellationToken);
        if (product is null)
        {
            return new ValidationFailedException($"lines[{index}].product_id", "No such product.");
        }
        if (!await db.Warehouses.AnyAsync(w => w.Id == warehouseId, cancellationToken))
        {
            return new ValidationFailedException("warehouse_id", "No such warehouse.");
        }
        var available = await db.StockLevels.AsNoTracking()
            .Where(s => s.ProductId == line.ProductId && s.WarehouseId == warehouseId)
            .Select(s => (decimal?)(s.OnHand - s.Reserved)).FirstOrDefaultAsync(cancellationToken) ?? 0m;
        return new StateConflictException($"lines[{index}].quantity",
            $"Not enough {product.Sku} ({product.Name}) available: requested {Numbers.Qty(line.Quantity)}, available {Numbers.Qty(Math.Max(0m, available))}.");
    }

    private static AuditEvent Created(Actor actor, DateTimeOffset now, Reservation reservation) =>
        actor.Audit(now, "warehouse.reservation.created", "reservation", reservation.Id.ToString(),
            after: new { dealId = reservation.DealId, productId = reservation.ProductId, warehouseId = reservation.WarehouseId, quantity = Numbers.Qty(reservation.Quantity), expiresAt = reservation.ExpiresAt });
}
