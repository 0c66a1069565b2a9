using CrmSuite.Documents.Api.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Documents.Api.Infrastructure.Configurations;

internal sealed class TemplateConfiguration : IEntityTypeConfiguration<Template>
{
    public void Configure(EntityTypeBuilder<Template> template)
    {
        template.ToTable("templates");
        template.HasKey(t => t.Id);
        template.Property(t => t.Name).HasMaxLength(TemplateRules.MaxNameLength);
        template.Property(t => t.DocumentType).HasMaxLength(20);
        template.Property(t => t.Language).HasMaxLength(5);
        template.Property(t => t.Kind).HasMaxLength(5);
        template.Property(t => t.Version).IsConcurrencyToken();
        template.HasIndex(t => new { t.DocumentType, t.Archived });
    }
}
