namespace CrmSuite.Warehouse.Api.Reservations;

/// <summary>How long reservations hold stock: the <c>Warehouse</c> configuration section's reservation settings.</summary>
public sealed class ReservationOptions
{
    public const string Section = "Warehouse";

    /// <summary>How long a reservation holds stock when the caller gives no expiry.</summary>
    public TimeSpan ReservationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often expired reservations are released.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
