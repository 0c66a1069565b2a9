namespace CrmSuite.Warehouse.Api.Ledger;

public enum MovementKind
{
    Receipt = 1,
    Shipment = 2,
    Transfer = 3,
    WriteOff = 4,
    CountAdjustment = 5,
}

/// <summary>A goods movement document. Drafts may change; once posted it never does.</summary>
public sealed class Movement
{
    public const int MaxTextLength = 500;

    public Guid Id { get; set; }
    public long Number { get; set; }
    public MovementKind Type { get; set; }
    public bool Posted { get; set; }
    public Guid WarehouseId { get; set; }
    public Guid? DestinationWarehouseId { get; set; }
    public string? Supplier { get; set; }
    public Guid? DealId { get; set; }
    /// <summary>The client a shipment went to (a company of the clients service).</summary>
    public Guid? CompanyId { get; set; }
    public string? Reason { get; set; }
    public string? Comment { get; set; }
    public Guid? ReversesMovementId { get; set; }
    public Guid? ReversedByMovementId { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public string? PostedBy { get; set; }
    public DateTimeOffset? PostedAt { get; set; }
    public uint Version { get; set; }
    public List<MovementLine> Lines { get; set; } = [];
}

public sealed class MovementLine
{
    public Guid MovementId { get; set; }
    public int LineNo { get; set; }
    public Guid ProductId { get; set; }
    /// <summary>Positive; for a posted count adjustment the booked (signed) difference.</summary>
    public decimal Quantity { get; set; }
    /// <summary>Receipt: purchase cost per unit. Otherwise: the cost the ledger applied when posted.</summary>
    public decimal? UnitCost { get; set; }
    /// <summary>Count adjustment: what was counted.</summary>
    public decimal? CountedQuantity { get; set; }
}

/// <summary>
/// The ledger, the source of truth: one row per change of one product's quantity (and value) in
/// one warehouse. Append-only; stock levels are its projection.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public Guid MovementId { get; set; }
    public int LineNo { get; set; }
    public Guid ProductId { get; set; }
    public Guid WarehouseId { get; set; }
    public decimal QuantityDelta { get; set; }
    public decimal ValueDelta { get; set; }
    public decimal UnitCost { get; set; }
    public DateTimeOffset PostedAt { get; set; }
}

/// <summary>
/// The stock of one product in one warehouse, kept in step with the ledger in the same
/// transaction. The database refuses reserved &gt; on_hand, so nothing can oversell.
/// </summary>
public sealed class StockLevel
{
    public Guid ProductId { get; set; }
    public Guid WarehouseId { get; set; }
    public decimal OnHand { get; set; }
    public decimal Reserved { get; set; }
    /// <summary>On-hand quantity at moving average cost.</summary>
    public decimal StockValue { get; set; }
    public decimal MinimumQuantity { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public decimal Available => OnHand - Reserved;
    public decimal AverageCost => OnHand > 0 ? Math.Round(StockValue / OnHand, 4, MidpointRounding.AwayFromZero) : 0m;
}
