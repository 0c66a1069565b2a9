using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> level)
    {
        level.ToTable("stock_levels", t =>
        {
            // The last line of defence against overselling: whatever the code does, the
            // database refuses a state where more is reserved than is on hand.
            t.HasCheckConstraint("ck_stock_levels_on_hand", "on_hand >= 0");
            t.HasCheckConstraint("ck_stock_levels_reserved", "reserved >= 0 AND reserved <= on_hand");
            t.HasCheckConstraint("ck_stock_levels_minimum", "minimum_quantity >= 0");
        });
        level.HasKey(l => new { l.ProductId, l.WarehouseId });
        level.Property(l => l.OnHand).HasColumnType(ColumnTypes.Quantity);
        level.Property(l => l.Reserved).HasColumnType(ColumnTypes.Quantity);
        level.Property(l => l.StockValue).HasColumnType(ColumnTypes.Cost);
        level.Property(l => l.MinimumQuantity).HasColumnType(ColumnTypes.Quantity);
        level.Ignore(l => l.Available);
        level.Ignore(l => l.AverageCost);
        level.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        level.HasOne<WarehouseSite>().WithMany().HasForeignKey(l => l.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        level.HasIndex(l => l.WarehouseId);
    }
}
