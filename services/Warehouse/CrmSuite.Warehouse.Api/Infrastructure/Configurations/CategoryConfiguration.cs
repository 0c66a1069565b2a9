using CrmSuite.Warehouse.Api.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Warehouse.Api.Infrastructure.Configurations;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.ToTable("categories");
        category.HasKey(c => c.Id);
        category.Property(c => c.Name).HasMaxLength(Category.MaxNameLength).UseCollation(WarehouseDbContext.NameCollation);
        category.HasIndex(c => new { c.ParentId, c.Name }).IsUnique().AreNullsDistinct(false);
        category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
