using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class MovementConfiguration : IEntityTypeConfiguration<Movement>
{
    public void Configure(EntityTypeBuilder<Movement> movement)
    {
        movement.ToTable("movements");
        movement.HasKey(m => m.Id);
        movement.Property(m => m.Number).UseIdentityAlwaysColumn();
        movement.HasIndex(m => m.Number).IsUnique();
        movement.Property(m => m.Type).HasConversion<short>();
        movement.Property(m => m.Supplier).HasMaxLength(Movement.MaxTextLength);
        movement.Property(m => m.Reason).HasMaxLength(Movement.MaxTextLength);
        movement.Property(m => m.Comment).HasMaxLength(Movement.MaxTextLength);
        movement.Property(m => m.CreatedBy).HasMaxLength(100);
        movement.Property(m => m.PostedBy).HasMaxLength(100);
        movement.Property(m => m.Version).IsRowVersion();
        movement.HasMany(m => m.Lines).WithOne().HasForeignKey(l => l.MovementId).OnDelete(DeleteBehavior.Cascade);
        movement.HasOne<WarehouseSite>().WithMany().HasForeignKey(m => m.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        movement.HasOne<WarehouseSite>().WithMany().HasForeignKey(m => m.DestinationWarehouseId).OnDelete(DeleteBehavior.Restrict);
        movement.HasIndex(m => new { m.CreatedAt, m.Id });
        movement.HasIndex(m => m.DealId).HasFilter("deal_id IS NOT NULL");
        movement.HasIndex(m => new { m.CompanyId, m.CreatedAt }).HasFilter("company_id IS NOT NULL");
        movement.HasIndex(m => m.ReversesMovementId).IsUnique().HasFilter("reverses_movement_id IS NOT NULL");
    }
}
