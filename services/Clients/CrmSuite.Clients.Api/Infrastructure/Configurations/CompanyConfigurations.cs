using CrmSuite.Clients.Api.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Infrastructure.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> company)
    {
        company.ToTable("companies");
        company.HasKey(c => c.Id);
        company.Property(c => c.Name).HasMaxLength(Company.MaxNameLength).UseCollation(ClientsDbContext.NameCollation);
        company.Property(c => c.Inn).HasMaxLength(12);
        company.Property(c => c.Email).HasMaxLength(254);
        company.Property(c => c.Phone).HasMaxLength(20);
        company.Property(c => c.Version).IsRowVersion();
        company.HasGeneratedTsVectorColumn(c => c.SearchVector, "simple", c => new { c.Name });

        // Keyset paging: every list order has an index ending in the id.
        company.HasIndex(c => new { c.Name, c.Id });
        company.HasIndex(c => new { c.CreatedAt, c.Id });
        company.HasIndex(c => c.SearchVector).HasMethod("GIN");
        // Prefix search (LIKE 'x%') on identifiers needs pattern_ops btrees.
        company.HasIndex(c => c.Inn).HasOperators("text_pattern_ops");
        company.HasIndex(c => c.Email).HasOperators("text_pattern_ops");
        company.HasIndex(c => c.Phone).HasOperators("text_pattern_ops");

        company.Property(c => c.OwnerUserId).HasMaxLength(100);
        company.Property(c => c.TeamId).HasMaxLength(100);
        // A manager's own list, in name order, without scanning everybody's records.
        company.HasIndex(c => new { c.OwnerUserId, c.Name, c.Id });
        company.HasIndex(c => new { c.TeamId, c.Name, c.Id });
        company.HasMany(c => c.Shares).WithOne().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
        company.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);

        // Requisites, and the lists stored as jsonb with the row (they are read and written with
        // the card, never queried on their own).
        company.Property(c => c.Kpp).HasMaxLength(9);
        company.Property(c => c.Ogrn).HasMaxLength(15);
        company.Property(c => c.LegalForm).HasMaxLength(100);
        company.Property(c => c.FullLegalName).HasMaxLength(500);
        company.Property(c => c.BankBik).HasMaxLength(9);
        company.Property(c => c.BankAccount).HasMaxLength(20);
        company.Property(c => c.BankCorrespondentAccount).HasMaxLength(20);
        company.Property(c => c.BankName).HasMaxLength(300);
        company.OwnsMany(c => c.Addresses, b => b.ToJson("addresses"));
        company.OwnsMany(c => c.Phones, b => b.ToJson("phones"));
        company.OwnsMany(c => c.Emails, b => b.ToJson("emails"));

        // "tag = ANY(tags)" and "tags @> ARRAY[tag]" both use this index.
        company.Property(c => c.Tags).HasDefaultValueSql("'{}'::text[]");
        company.HasIndex(c => c.Tags).HasMethod("GIN");

        // Custom values: one jsonb object per company keyed by field id, not a values table. A
        // filter "field = value" is a containment test (custom_values @> '{"<id>": value}') that
        // the jsonb_path_ops GIN index answers without a join, and the card reads the values with
        // the row. Definitions live in their own tables (CustomFieldConfigurations).
        company.Property(c => c.CustomValues).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        company.HasIndex(c => c.CustomValues).HasMethod("GIN").HasOperators("jsonb_path_ops");
        company.Property(c => c.CustomSearchText).HasMaxLength(10000);
        company.HasGeneratedTsVectorColumn(c => c.CustomSearchVector, "simple", c => new { c.CustomSearchText });
        company.HasIndex(c => c.CustomSearchVector).HasMethod("GIN");

        // Undo of an import finds the companies it created or changed.
        company.HasIndex(c => c.ImportId).HasFilter("import_id IS NOT NULL");
        company.HasIndex(c => c.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");
        // The trigram index over company_name_key(name) is an expression index EF cannot model:
        // the migration creates it with the function and pg_trgm (see CompanyNameKey).
    }
}

internal sealed class CompanyShareConfiguration : IEntityTypeConfiguration<CompanyShare>
{
    public void Configure(EntityTypeBuilder<CompanyShare> share)
    {
        share.ToTable("company_shares");
        share.HasKey(s => new { s.CompanyId, s.UserId });
        share.Property(s => s.UserId).HasMaxLength(100);
        share.HasIndex(s => s.UserId);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.ToTable("contacts");
        contact.HasKey(c => c.Id);
        contact.Property(c => c.FullName).HasMaxLength(Contact.MaxFullNameLength).UseCollation(ClientsDbContext.NameCollation);
        contact.Property(c => c.Position).HasMaxLength(Contact.MaxPositionLength);
        contact.Property(c => c.Email).HasMaxLength(254);
        contact.Property(c => c.Phone).HasMaxLength(20);
        contact.Property(c => c.Version).IsRowVersion();
        contact.HasIndex(c => new { c.CompanyId, c.FullName, c.Id });
        contact.Property(c => c.Role).HasMaxLength(30);
        contact.OwnsMany(c => c.Phones, b => b.ToJson("phones"));
        contact.OwnsMany(c => c.Emails, b => b.ToJson("emails"));

        // Telephony matches a caller by a contact's phone, and lead conversion looks for
        // duplicates by a contact's email: both need an index at the client base's real size.
        contact.HasIndex(c => c.Phone);
        contact.HasIndex(c => c.Email);
    }
}

internal sealed class CompanyChangeConfiguration : IEntityTypeConfiguration<CompanyChange>
{
    public void Configure(EntityTypeBuilder<CompanyChange> change)
    {
        change.ToTable("company_changes");
        change.HasKey(c => c.Id);
        change.Property(c => c.UserId).HasMaxLength(100);
        change.Property(c => c.UserName).HasMaxLength(200);
        change.Property(c => c.Action).HasMaxLength(100);
        change.Property(c => c.Subject).HasMaxLength(300);
        change.OwnsMany(c => c.Changes, b => b.ToJson());
        change.OwnsOne(c => c.Document, b => b.ToJson());
        // The timeline reads newest first, keyset-paged.
        change.HasIndex(c => new { c.CompanyId, c.At, c.Id });
        change.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompanyActivityConfiguration : IEntityTypeConfiguration<CompanyActivity>
{
    public void Configure(EntityTypeBuilder<CompanyActivity> activity)
    {
        activity.ToTable("company_activity");
        activity.HasKey(a => a.CompanyId);
        activity.HasIndex(a => new { a.LastActivityAt, a.CompanyId });
        activity.HasOne<Company>().WithOne().HasForeignKey<CompanyActivity>(a => a.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
