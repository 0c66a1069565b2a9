using CrmSuite.Warehouse.Api.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class WarehouseSiteConfiguration : IEntityTypeConfiguration<WarehouseSite>
{
    public void Configure(EntityTypeBuilder<WarehouseSite> site)
    {
        site.ToTable("warehouses");
        site.HasKey(w => w.Id);
        site.Property(w => w.Code).HasMaxLength(WarehouseSite.MaxCodeLength);
        site.Property(w => w.Name).HasMaxLength(WarehouseSite.MaxNameLength).UseCollation(WarehouseDbContext.NameCollation);
        site.Property(w => w.Address).HasMaxLength(WarehouseSite.MaxAddressLength);
        site.Property(w => w.Version).IsRowVersion();
        site.HasIndex(w => w.Code).IsUnique();
    }
}
