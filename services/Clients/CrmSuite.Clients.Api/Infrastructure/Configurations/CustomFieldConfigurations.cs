using CrmSuite.Clients.Api.CustomFields;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Infrastructure.Configurations;

internal sealed class CustomSectionConfiguration : IEntityTypeConfiguration<CustomSection>
{
    public void Configure(EntityTypeBuilder<CustomSection> section)
    {
        section.ToTable("custom_sections");
        section.HasKey(s => s.Id);
        section.Property(s => s.NameRu).HasMaxLength(CustomSection.MaxNameLength);
        section.Property(s => s.NameEn).HasMaxLength(CustomSection.MaxNameLength);
        section.HasMany(s => s.Fields).WithOne().HasForeignKey(f => f.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> field)
    {
        field.ToTable("custom_fields");
        field.HasKey(f => f.Id);
        field.Property(f => f.NameRu).HasMaxLength(CustomFieldDefinition.MaxNameLength);
        field.Property(f => f.NameEn).HasMaxLength(CustomFieldDefinition.MaxNameLength);
        field.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        field.Property(f => f.Currency).HasMaxLength(3);
        field.HasIndex(f => f.SectionId);
    }
}
