namespace CrmSuite.Warehouse.Api.IntegrationEvents.Events;

/// <summary>
/// Published by the clients service when a deal is won (topic <see cref="Topic"/>). Defined here
/// until the clients service owns deals; the payload is the agreed <c>{ dealId, companyId, occurredAt }</c>.
/// </summary>
public sealed record DealWon(Guid DealId, Guid CompanyId, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.deal-won";
}

/// <summary>Published by the clients service when a deal is lost (topic <see cref="Topic"/>).</summary>
public sealed record DealLost(Guid DealId, Guid CompanyId, DateTimeOffset OccurredAt)
{
    public const string Topic = "clients.deal-lost";
}

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
