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

/// <summary>
/// A shipment was posted (topic <see cref="Topic"/>), entered by a person or made from a won deal's
/// reservations. A shipment records no sale price, so <paramref name="Amount"/> is the goods' cost
/// as they left stock (moving average, rounded to kopecks) in the ledger's currency (RUB); the
/// sale's value is the deal's amount (clients.deal-won) and the paid invoice. Reversals of a
/// shipment are not published. <paramref name="Lines"/> counts the document's lines.
/// </summary>
public sealed record ShipmentPosted(Guid MovementId, Guid? DealId, Guid? CompanyId, string ActorId, decimal Amount, string Currency,
    int Lines, DateTimeOffset OccurredAt)
{
    public const string Topic = "warehouse.shipment-posted";
}
