using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using static CrmSuite.Warehouse.Api.Common.MessageVersion;

namespace CrmSuite.Warehouse.Api.Ledger;

/// <summary>Movements and stock levels as the messages carry them.</summary>
internal static class LedgerMapping
{
    public static MovementType ToMessage(this MovementKind kind) => (MovementType)(int)kind;

    public static Contracts.Movement ToMessage(this Movement movement, IReadOnlyDictionary<Guid, string> skus)
    {
        var message = new Contracts.Movement
        {
            Id = movement.Id.ToString(),
            Number = movement.Number,
            Type = movement.Type.ToMessage(),
            Status = movement.Posted ? MovementStatus.Posted : MovementStatus.Draft,
            WarehouseId = movement.WarehouseId.ToString(),
            DestinationWarehouseId = movement.DestinationWarehouseId?.ToString() ?? string.Empty,
            Supplier = movement.Supplier ?? string.Empty,
            DealId = movement.DealId?.ToString() ?? string.Empty,
            CompanyId = movement.CompanyId?.ToString() ?? string.Empty,
            Reason = movement.Reason ?? string.Empty,
            Comment = movement.Comment ?? string.Empty,
            ReversesMovementId = movement.ReversesMovementId?.ToString() ?? string.Empty,
            ReversedByMovementId = movement.ReversedByMovementId?.ToString() ?? string.Empty,
            CreatedBy = movement.CreatedBy,
            CreatedAt = Timestamp.FromDateTimeOffset(movement.CreatedAt),
            PostedBy = movement.PostedBy ?? string.Empty,
            PostedAt = movement.PostedAt is { } postedAt ? Timestamp.FromDateTimeOffset(postedAt) : null,
            Version = Ver(movement.Version),
        };
        message.Lines.AddRange(movement.Lines.OrderBy(l => l.LineNo).Select(l => l.ToMessage(skus)));
        return message;
    }

    private static Contracts.MovementLine ToMessage(this MovementLine line, IReadOnlyDictionary<Guid, string> skus) => new()
    {
        ProductId = line.ProductId.ToString(),
        Quantity = Numbers.Qty(line.Quantity),
        UnitCost = line.UnitCost is { } cost ? Numbers.Cost(cost) : string.Empty,
        CountedQuantity = line.CountedQuantity is { } counted ? Numbers.Qty(counted) : string.Empty,
        Sku = skus.TryGetValue(line.ProductId, out var sku) ? sku : string.Empty,
    };

    public static Contracts.StockLevel ToMessage(this StockLevel level, string sku, string name) => new()
    {
        ProductId = level.ProductId.ToString(),
        Sku = sku,
        ProductName = name,
        WarehouseId = level.WarehouseId.ToString(),
        OnHand = Numbers.Qty(level.OnHand),
        Reserved = Numbers.Qty(level.Reserved),
        Available = Numbers.Qty(level.Available),
        MinimumQuantity = Numbers.Qty(level.MinimumQuantity),
        BelowMinimum = level.MinimumQuantity > 0 && level.OnHand < level.MinimumQuantity,
        AverageCost = Numbers.Cost(level.AverageCost),
        Value = Numbers.Money(level.StockValue),
    };
}
