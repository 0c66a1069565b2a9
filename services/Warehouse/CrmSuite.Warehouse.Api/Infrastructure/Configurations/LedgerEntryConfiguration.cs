using CrmSuite.Warehouse.Api.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.ToTable("ledger_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.QuantityDelta).HasColumnType(ColumnTypes.Quantity);
        entry.Property(e => e.ValueDelta).HasColumnType(ColumnTypes.Cost);
        entry.Property(e => e.UnitCost).HasColumnType(ColumnTypes.Cost);
        entry.HasOne<Movement>().WithMany().HasForeignKey(e => e.MovementId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.ProductId, e.WarehouseId, e.Id });
        entry.HasIndex(e => e.MovementId);
    }
}
