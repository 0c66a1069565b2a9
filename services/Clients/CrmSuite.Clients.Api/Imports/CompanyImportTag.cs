using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Companies;

public sealed partial class Company
{
    /// <summary>The import that created or last changed this company; undo of that import restores it.</summary>
    public Guid? ImportId { get; set; }
}

internal sealed class CompanyImportConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> company) =>
        company.HasIndex(c => c.ImportId).HasFilter("import_id IS NOT NULL");
}
