using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Warehouse.Api.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.ToTable("products");
        product.HasKey(p => p.Id);
        product.Property(p => p.Sku).HasMaxLength(Product.MaxSkuLength);
        product.Property(p => p.Name).HasMaxLength(Product.MaxNameLength).UseCollation(WarehouseDbContext.NameCollation);
        product.Property(p => p.Unit).HasMaxLength(Product.MaxUnitLength);
        product.Property(p => p.Barcode).HasMaxLength(Product.MaxBarcodeLength);
        // The kind's code ("standard", "usn5"…): readable in SQL and safe against a reordered enum.
        product.Property(p => p.VatKind).HasMaxLength(16).HasConversion(k => VatRates.Code(k), code => VatRates.FromCode(code));
        product.Property(p => p.Version).IsRowVersion();
        product.HasGeneratedTsVectorColumn(p => p.SearchVector, "simple", p => new { p.Name });
        product.HasIndex(p => p.Sku).IsUnique();
        product.HasIndex(p => p.Barcode).IsUnique().HasFilter("barcode IS NOT NULL");
        // Keyset paging: every list order has an index ending in the id; prefix search needs pattern_ops.
        product.HasIndex(p => new { p.Name, p.Id });
        product.HasIndex(p => new { p.Sku, p.Id });
        product.HasIndex(p => p.Sku).HasOperators("text_pattern_ops").HasDatabaseName("ix_products_sku_prefix");
        product.HasIndex(p => p.Barcode).HasOperators("text_pattern_ops").HasDatabaseName("ix_products_barcode_prefix");
        product.HasIndex(p => p.SearchVector).HasMethod("GIN");
        product.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
