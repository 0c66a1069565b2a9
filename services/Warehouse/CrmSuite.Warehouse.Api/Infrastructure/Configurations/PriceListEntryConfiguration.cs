using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class PriceListEntryConfiguration : IEntityTypeConfiguration<PriceListEntry>
{
    public void Configure(EntityTypeBuilder<PriceListEntry> entry)
    {
        entry.ToTable("price_list_entries");
        entry.HasKey(e => new { e.PriceListId, e.ProductId, e.ClientGroup });
        entry.Property(e => e.ClientGroup).HasMaxLength(PriceListEntry.MaxGroupLength);
        entry.Property(e => e.Price).HasColumnType(ColumnTypes.Money);
        entry.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => e.ProductId);
        entry.ToTable(t => t.HasCheckConstraint("ck_price_list_entries_price", "price >= 0"));
    }
}
