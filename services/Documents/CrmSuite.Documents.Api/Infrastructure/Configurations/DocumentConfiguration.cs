using CrmSuite.Documents.Api.Documents;
using CrmSuite.Documents.Api.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Documents.Api.Infrastructure.Configurations;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> document)
    {
        document.ToTable("documents");
        document.HasKey(d => d.Id);
        document.Property(d => d.Type).HasMaxLength(20);
        document.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        document.Property(d => d.Number).HasMaxLength(120);
        document.Property(d => d.CompanyName).HasMaxLength(300);
        document.Property(d => d.Currency).HasMaxLength(3);
        document.Property(d => d.Notes).HasMaxLength(4000);
        document.Property(d => d.LinesJson).HasColumnType("jsonb");
        document.Property(d => d.ModelJson).HasColumnType("jsonb");
        document.Property(d => d.Total).HasPrecision(18, 2);
        document.Property(d => d.ContactEmail).HasMaxLength(320);
        document.Property(d => d.OwnerUserId).HasMaxLength(100);
        document.Property(d => d.FileSha256).HasMaxLength(64);
        document.Property(d => d.AnnulReason).HasMaxLength(1000);
        document.Property(d => d.Version).IsRowVersion();
        document.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        document.HasMany(d => d.Emails).WithOne().HasForeignKey(e => e.DocumentId).OnDelete(DeleteBehavior.Cascade);
        // A number is given once per organisation and type (the year is in the pattern).
        document.HasIndex(d => new { d.OrganisationId, d.Type, d.Number }).IsUnique().HasFilter("number IS NOT NULL");
        document.HasIndex(d => new { d.CompanyId, d.CreatedAt, d.Id });
        document.HasIndex(d => new { d.DealId, d.CreatedAt, d.Id });
        document.HasIndex(d => new { d.CreatedAt, d.Id });
        // The Documents area's search and sorts (a million documents stay a keyset walk; the trigram
        // index of search_key and the expression index of the number's sort are raw SQL in ListFiltersAndSorts).
        document.Property(d => d.SearchKey).HasMaxLength(430)
            .HasComputedColumnSql(DocumentSearch.KeySql, stored: true);
        document.HasIndex(d => new { d.Date, d.Id });
        document.HasIndex(d => new { d.Total, d.Id });
        document.HasIndex(d => new { d.CompanyId, d.Date, d.Id });
        document.HasIndex(d => new { d.Type, d.State, d.Date, d.Id });
    }
}

internal sealed class DocumentEmailConfiguration : IEntityTypeConfiguration<DocumentEmail>
{
    public void Configure(EntityTypeBuilder<DocumentEmail> email)
    {
        email.ToTable("document_emails");
        email.HasKey(e => e.Id);
        email.Property(e => e.To).HasMaxLength(320);
        email.Property(e => e.Subject).HasMaxLength(300);
        email.Property(e => e.MessageId).HasMaxLength(200);
        email.Property(e => e.SentById).HasMaxLength(100);
        email.Property(e => e.SentByName).HasMaxLength(200);
    }
}

internal sealed class NumberingRuleConfiguration : IEntityTypeConfiguration<NumberingRule>
{
    public void Configure(EntityTypeBuilder<NumberingRule> rule)
    {
        rule.ToTable("numbering_rules");
        rule.HasKey(r => new { r.OrganisationId, r.Type });
        rule.Property(r => r.Type).HasMaxLength(20);
        rule.Property(r => r.Pattern).HasMaxLength(DocumentNumbering.MaxPatternLength);
        rule.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentCounterConfiguration : IEntityTypeConfiguration<DocumentCounter>
{
    public void Configure(EntityTypeBuilder<DocumentCounter> counter)
    {
        counter.ToTable("document_counters");
        counter.HasKey(c => new { c.OrganisationId, c.Type, c.Year });
        counter.Property(c => c.Type).HasMaxLength(20);
    }
}
