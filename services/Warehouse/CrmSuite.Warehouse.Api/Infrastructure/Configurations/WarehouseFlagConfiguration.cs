using CrmSuite.Warehouse.Api.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class WarehouseFlagConfiguration : IEntityTypeConfiguration<WarehouseFlag>
{
    public void Configure(EntityTypeBuilder<WarehouseFlag> flag)
    {
        flag.ToTable("warehouse_flags");
        flag.HasKey(f => f.Id);
        flag.Property(f => f.Kind).HasConversion<short>();
        flag.Property(f => f.ActorId).HasMaxLength(100);
        flag.Property(f => f.ActorName).HasMaxLength(200);
        flag.Property(f => f.Amount).HasColumnType(ColumnTypes.Money);
        flag.Property(f => f.Description).HasMaxLength(1000);
        flag.HasIndex(f => new { f.OccurredAt, f.Id });
    }
}
