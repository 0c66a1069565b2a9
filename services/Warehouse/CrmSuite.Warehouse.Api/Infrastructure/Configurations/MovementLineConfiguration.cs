using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class MovementLineConfiguration : IEntityTypeConfiguration<MovementLine>
{
    public void Configure(EntityTypeBuilder<MovementLine> line)
    {
        line.ToTable("movement_lines");
        line.HasKey(l => new { l.MovementId, l.LineNo });
        line.Property(l => l.Quantity).HasColumnType(ColumnTypes.Quantity);
        line.Property(l => l.UnitCost).HasColumnType(ColumnTypes.Cost);
        line.Property(l => l.CountedQuantity).HasColumnType(ColumnTypes.Quantity);
        line.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        line.HasIndex(l => l.ProductId);
    }
}
