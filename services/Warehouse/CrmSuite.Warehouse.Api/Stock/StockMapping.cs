using CrmSuite.Warehouse.Api.Validation;
using CrmSuite.Warehouse.Contracts;
using Google.Protobuf.WellKnownTypes;
using Reservation = CrmSuite.Warehouse.Api.Reservations.Reservation;
using WarehouseFlag = CrmSuite.Warehouse.Api.Alerts.WarehouseFlag;

namespace CrmSuite.Warehouse.Api.Stock;

/// <summary>Reservations and flags as the stock service's messages carry them.</summary>
internal static class StockMapping
{
    public static Contracts.Reservation ToMessage(this Reservation reservation, string sku) => new()
    {
        Id = reservation.Id.ToString(),
        DealId = reservation.DealId.ToString(),
        WarehouseId = reservation.WarehouseId.ToString(),
        ProductId = reservation.ProductId.ToString(),
        Sku = sku,
        Quantity = Numbers.Qty(reservation.Quantity),
        Status = (ReservationStatus)(int)reservation.Status,
        CreatedAt = Timestamp.FromDateTimeOffset(reservation.CreatedAt),
        ExpiresAt = Timestamp.FromDateTimeOffset(reservation.ExpiresAt),
        CreatedBy = reservation.CreatedBy,
        ShipmentMovementId = reservation.ShipmentMovementId?.ToString() ?? string.Empty,
    };

    public static Contracts.WarehouseFlag ToMessage(this WarehouseFlag flag) => new()
    {
        Id = flag.Id.ToString(),
        Kind = (FlagKind)(int)flag.Kind,
        MovementId = flag.MovementId.ToString(),
        ActorId = flag.ActorId,
        ActorName = flag.ActorName,
        Amount = flag.Amount is { } amount ? Numbers.Money(amount) : string.Empty,
        Description = flag.Description,
        OccurredAt = Timestamp.FromDateTimeOffset(flag.OccurredAt),
    };
}
