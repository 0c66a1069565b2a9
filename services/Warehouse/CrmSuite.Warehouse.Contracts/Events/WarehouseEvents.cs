namespace CrmSuite.Warehouse.Contracts.Events;

/// <summary>A product's on-hand quantity in a warehouse fell below its minimum.</summary>
public sealed record StockBelowMinimum(Guid ProductId, string Sku, Guid WarehouseId, decimal OnHand, decimal MinimumQuantity, Guid MovementId, DateTimeOffset OccurredAt)
{
    public const string Topic = "warehouse.stock-below-minimum";
}

/// <summary>A movement was flagged for the Director (out of hours, or a large write-off).</summary>
public sealed record MovementFlagged(Guid FlagId, string Kind, Guid MovementId, string ActorId, string ActorName, decimal? Amount, string Description, DateTimeOffset OccurredAt)
{
    public const string Topic = "warehouse.movement-flagged";
}
