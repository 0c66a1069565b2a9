using CrmSuite.Kpi.Api.Schemes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Kpi.Api.Infrastructure.Configurations;

internal sealed class SchemeVersionConfiguration : IEntityTypeConfiguration<SchemeVersionRow>
{
    public void Configure(EntityTypeBuilder<SchemeVersionRow> version)
    {
        version.ToTable("scheme_versions");
        version.HasKey(v => new { v.SchemeId, v.Version });
        version.Property(v => v.Name).HasMaxLength(SchemeRules.MaxNameLength);
        version.Property(v => v.TargetKind).HasMaxLength(10);
        version.Property(v => v.TargetId).HasMaxLength(100);
        version.Property(v => v.PeriodKind).HasMaxLength(10);
        version.Property(v => v.Measures).HasColumnType("jsonb");
        version.Property(v => v.Formula).HasMaxLength(BonusFormula.MaxLength);
        version.Property(v => v.BaseSalary).HasPrecision(18, 2);
        version.Property(v => v.CreatedBy).HasMaxLength(200);
    }
}
