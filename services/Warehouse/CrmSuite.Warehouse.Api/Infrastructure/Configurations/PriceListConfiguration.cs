using CrmSuite.Warehouse.Api.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class PriceListConfiguration : IEntityTypeConfiguration<PriceList>
{
    public void Configure(EntityTypeBuilder<PriceList> list)
    {
        list.ToTable("price_lists");
        list.HasKey(l => l.Id);
        list.Property(l => l.Name).HasMaxLength(PriceList.MaxNameLength).UseCollation(WarehouseDbContext.NameCollation);
        list.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        list.Property(l => l.Version).IsRowVersion();
        list.HasMany(l => l.Entries).WithOne().HasForeignKey(e => e.PriceListId).OnDelete(DeleteBehavior.Cascade);
        list.HasIndex(l => new { l.ValidFrom, l.Id });
        list.ToTable(t => t.HasCheckConstraint("ck_price_lists_validity", "valid_to IS NULL OR valid_to >= valid_from"));
    }
}
