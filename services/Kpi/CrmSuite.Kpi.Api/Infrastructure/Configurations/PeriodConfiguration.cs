using CrmSuite.Kpi.Api.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Kpi.Api.Infrastructure.Configurations;

internal sealed class KpiPeriodConfiguration : IEntityTypeConfiguration<KpiPeriodRow>
{
    public void Configure(EntityTypeBuilder<KpiPeriodRow> period)
    {
        period.ToTable("kpi_periods");
        period.HasKey(p => p.Period);
        period.Property(p => p.Period).HasMaxLength(7);
        period.Property(p => p.Status).HasMaxLength(30);
        period.Property(p => p.ClosedById).HasMaxLength(100);
        period.Property(p => p.ClosedBy).HasMaxLength(200);
        // A recorded fact looks up the closed periods its day falls in.
        period.HasIndex(p => new { p.FirstDay, p.LastDay });
    }
}

internal sealed class PeriodVersionConfiguration : IEntityTypeConfiguration<PeriodVersionRow>
{
    public void Configure(EntityTypeBuilder<PeriodVersionRow> version)
    {
        version.ToTable("period_versions");
        version.HasKey(v => new { v.Period, v.Version });
        version.Property(v => v.Period).HasMaxLength(7);
        version.Property(v => v.Reason).HasMaxLength(20);
        version.Property(v => v.CreatedById).HasMaxLength(100);
        version.Property(v => v.CreatedBy).HasMaxLength(200);
        version.Property(v => v.WithoutScheme).HasColumnType("jsonb");
    }
}

internal sealed class PeriodResultConfiguration : IEntityTypeConfiguration<PeriodResultRow>
{
    public void Configure(EntityTypeBuilder<PeriodResultRow> result)
    {
        result.ToTable("period_results");
        result.HasKey(r => new { r.Period, r.Version, r.UserId });
        result.Property(r => r.Period).HasMaxLength(7);
        result.Property(r => r.UserId).HasMaxLength(100);
        result.Property(r => r.Result).HasColumnType("jsonb");
    }
}
