namespace CrmSuite.Warehouse.Api.Reservations;

public enum ReservationState
{
    Active = 1,
    Released = 2,
    Expired = 3,
    Shipped = 4,
}

public sealed class Reservation
{
    public Guid Id { get; set; }
    public Guid DealId { get; set; }
    public Guid WarehouseId { get; set; }
    public Guid ProductId { get; set; }
    public decimal Quantity { get; set; }
    public ReservationState Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ShipmentMovementId { get; set; }
}
