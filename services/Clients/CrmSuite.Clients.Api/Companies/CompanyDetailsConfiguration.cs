using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// The company's columns beyond the first slice (configured in ClientsDbContext): requisites,
/// the lists stored as jsonb with the row (they are read and written with the card, never
/// queried on their own), tags and custom values.
/// </summary>
public sealed class CompanyDetailsConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> company)
    {
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
        // the row. Definitions live in their own tables (CustomFields/).
        company.Property(c => c.CustomValues).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        company.HasIndex(c => c.CustomValues).HasMethod("GIN").HasOperators("jsonb_path_ops");
        company.Property(c => c.CustomSearchText).HasMaxLength(10000);
        company.HasGeneratedTsVectorColumn(c => c.CustomSearchVector, "simple", c => new { c.CustomSearchText });
        company.HasIndex(c => c.CustomSearchVector).HasMethod("GIN");
    }
}

public sealed class ContactDetailsConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.Property(c => c.Role).HasMaxLength(30);
        contact.OwnsMany(c => c.Phones, b => b.ToJson("phones"));
        contact.OwnsMany(c => c.Emails, b => b.ToJson("emails"));
    }
}
