using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Warehouse.Api.Ledger;

/// <summary>
/// Proves the projection agrees with the source of truth: on-hand quantity and value recomputed
/// from the ledger, reserved quantity from the active reservations, compared with every stock row,
/// in one REPEATABLE READ snapshot so concurrent postings cannot make it disagree with itself.
/// </summary>
public sealed class StockVerifier(WarehouseDbContext db)
{
    private sealed record Row(Guid ProductId, Guid WarehouseId, decimal LedgerOnHand, decimal LedgerValue, decimal ActiveReserved, decimal? OnHand, decimal? StockValue, decimal? Reserved);

    public async Task<VerifyStockResponse> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH ledger AS (
                SELECT product_id, warehouse_id, sum(quantity_delta) AS on_hand, sum(value_delta) AS value
                FROM ledger_entries GROUP BY product_id, warehouse_id),
            holds AS (
                SELECT product_id, warehouse_id, sum(quantity) AS reserved
                FROM reservations WHERE status = 1 GROUP BY product_id, warehouse_id),
            keys AS (
                SELECT product_id, warehouse_id FROM ledger
                UNION SELECT product_id, warehouse_id FROM holds
                UNION SELECT product_id, warehouse_id FROM stock_levels)
            -- Column names follow the snake_case convention the context maps result types with.
            SELECT k.product_id, k.warehouse_id,
                   coalesce(l.on_hand, 0) AS ledger_on_hand, coalesce(l.value, 0) AS ledger_value, coalesce(h.reserved, 0) AS active_reserved,
                   s.on_hand AS on_hand, s.stock_value AS stock_value, s.reserved AS reserved
            FROM keys k
            LEFT JOIN ledger l USING (product_id, warehouse_id)
            LEFT JOIN holds h USING (product_id, warehouse_id)
            LEFT JOIN stock_levels s USING (product_id, warehouse_id)
            """).ToListAsync(cancellationToken);
        var entries = await db.LedgerEntries.LongCountAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var response = new VerifyStockResponse { LevelsChecked = rows.Count(r => r.OnHand is not null), LedgerEntries = entries };
        foreach (var row in rows)
        {
            Compare(response, row, "on_hand", row.LedgerOnHand, row.OnHand ?? 0m, Numbers.Qty);
            Compare(response, row, "value", row.LedgerValue, row.StockValue ?? 0m, Numbers.Cost);
            Compare(response, row, "reserved", row.ActiveReserved, row.Reserved ?? 0m, Numbers.Qty);
        }
        response.Consistent = response.Mismatches.Count == 0;
        return response;
    }

    private static void Compare(VerifyStockResponse response, Row row, string field, decimal ledger, decimal projection, Func<decimal, string> format)
    {
        if (ledger != projection)
        {
            response.Mismatches.Add(new StockMismatch
            {
                ProductId = row.ProductId.ToString(),
                WarehouseId = row.WarehouseId.ToString(),
                Field = field,
                Ledger = format(ledger),
                Projection = format(projection),
            });
        }
    }
}
