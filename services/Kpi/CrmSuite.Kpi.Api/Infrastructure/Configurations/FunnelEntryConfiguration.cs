using CrmSuite.Kpi.Api.Overview;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Kpi.Api.Infrastructure.Configurations;

internal sealed class FunnelEntryConfiguration : IEntityTypeConfiguration<FunnelEntry>
{
    public void Configure(EntityTypeBuilder<FunnelEntry> entry)
    {
        entry.ToTable("funnel_entries");
        entry.HasKey(e => e.FactId);
        entry.Property(e => e.StageId).HasMaxLength(100);
        entry.Property(e => e.UserId).HasMaxLength(100);
        entry.Property(e => e.TeamId).HasMaxLength(100);
        entry.Property(e => e.PipelineId).HasMaxLength(100);
        // The overview's funnel: a period's entries with all it filters, counts and compares by, read from the index alone.
        entry.HasIndex(e => e.Day)
            .IncludeProperties(e => new { e.StageId, e.MovedOn, e.PreviousDay, e.UserId, e.TeamId, e.PipelineId, e.DealId, e.EnteredAt, e.FactId });
        // A deal's earlier entries into a stage, for the few entries whose previous one is in the same period.
        entry.HasIndex(e => new { e.DealId, e.StageId, e.EnteredAt });
    }
}
