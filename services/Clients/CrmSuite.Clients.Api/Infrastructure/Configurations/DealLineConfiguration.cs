using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Infrastructure.Configurations;

internal sealed class DealLineConfiguration : IEntityTypeConfiguration<DealLine>
{
    public void Configure(EntityTypeBuilder<DealLine> line)
    {
        line.ToTable("deal_lines", t =>
        {
            t.HasCheckConstraint("ck_deal_lines_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_deal_lines_unit_price", "unit_price >= 0");
            t.HasCheckConstraint("ck_deal_lines_discount", "discount_percent BETWEEN 0 AND 100");
        });
        line.HasKey(l => l.Id);
        line.Property(l => l.Name).HasMaxLength(DealLine.MaxNameLength);
        line.Property(l => l.Sku).HasMaxLength(DealLine.MaxSkuLength);
        line.Property(l => l.Unit).HasMaxLength(DealLine.MaxUnitLength);
        line.Property(l => l.Quantity).HasPrecision(18, 3);
        line.Property(l => l.UnitPrice).HasPrecision(18, 2);
        line.Property(l => l.DiscountPercent).HasPrecision(5, 2);
        // Stored as the kind's code (standard, reduced, …), as the warehouse and documents store it.
        line.Property(l => l.VatKind).HasConversion(k => VatRates.Code(k), code => VatRates.FromCode(code)).HasMaxLength(10);
        line.Property(l => l.VatPercent).HasPrecision(5, 2);
        line.Property(l => l.PriceAfterDiscount).HasPrecision(18, 2);
        line.Property(l => l.Amount).HasPrecision(18, 2);
        line.Property(l => l.VatAmount).HasPrecision(18, 2);
        line.Property(l => l.Total).HasPrecision(18, 2);
        line.HasOne<Deal>().WithMany().HasForeignKey(l => l.DealId).OnDelete(DeleteBehavior.Cascade);
        line.HasIndex(l => new { l.DealId, l.Position }).IsUnique();
    }
}
