using CrmSuite.Documents.Api.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Documents.Api.Infrastructure.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.ToTable("organisations");
        organisation.HasKey(o => o.Id);
        organisation.Property(o => o.Name).HasMaxLength(300);
        organisation.Property(o => o.Inn).HasMaxLength(12);
        organisation.Property(o => o.Kpp).HasMaxLength(9);
        organisation.Property(o => o.Ogrn).HasMaxLength(15);
        organisation.Property(o => o.Address).HasMaxLength(500);
        organisation.Property(o => o.BankName).HasMaxLength(300);
        organisation.Property(o => o.Bik).HasMaxLength(9);
        organisation.Property(o => o.CorrespondentAccount).HasMaxLength(20);
        organisation.Property(o => o.SettlementAccount).HasMaxLength(20);
        organisation.Property(o => o.DirectorName).HasMaxLength(200);
        organisation.Property(o => o.AccountantName).HasMaxLength(200);
        organisation.Property(o => o.Version).IsRowVersion();
    }
}
