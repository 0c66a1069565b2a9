using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Companies;

public sealed partial class Company
{
    /// <summary>Set when this company was merged into another; it is archived then, and its card leads to the survivor.</summary>
    public Guid? MergedIntoId { get; set; }
}

internal sealed class CompanyMergeConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> company)
    {
        company.HasIndex(c => c.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");
        // The trigram index over company_name_key(name) is an expression index EF cannot model:
        // the migration creates it with the function and pg_trgm (see CompanyNameKey).
    }
}
