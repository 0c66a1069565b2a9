using CrmSuite.Warehouse.Api.Reservations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> reservation)
    {
        reservation.ToTable("reservations", t => t.HasCheckConstraint("ck_reservations_quantity", "quantity > 0"));
        reservation.HasKey(r => r.Id);
        reservation.Property(r => r.Quantity).HasColumnType(ColumnTypes.Quantity);
        reservation.Property(r => r.Status).HasConversion<short>();
        reservation.Property(r => r.CreatedBy).HasMaxLength(100);
        reservation.HasIndex(r => new { r.DealId, r.Id });
        reservation.HasIndex(r => new { r.ProductId, r.WarehouseId }).HasFilter("status = 1");
        reservation.HasIndex(r => r.ExpiresAt).HasFilter("status = 1");
        reservation.HasIndex(r => new { r.CreatedAt, r.Id });
    }
}
