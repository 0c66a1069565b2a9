using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Infrastructure.Configurations;

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> pipeline)
    {
        pipeline.ToTable("pipelines");
        pipeline.HasKey(p => p.Id);
        pipeline.Property(p => p.Name).HasMaxLength(Pipeline.MaxNameLength).UseCollation(ClientsDbContext.NameCollation);
        pipeline.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Restrict);
        pipeline.Ignore(p => p.CurrentStages);
    }
}

internal sealed class PipelineStageConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> stage)
    {
        stage.ToTable("pipeline_stages", t => t.HasCheckConstraint("ck_pipeline_stages_probability", "probability BETWEEN 0 AND 100"));
        stage.HasKey(s => s.Id);
        stage.Property(s => s.Name).HasMaxLength(PipelineStage.MaxNameLength);
        stage.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
        stage.HasIndex(s => new { s.PipelineId, s.Position });
    }
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> deal)
    {
        deal.ToTable("deals", t =>
        {
            t.HasCheckConstraint("ck_deals_amount", "amount >= 0");
            t.HasCheckConstraint("ck_deals_probability", "probability BETWEEN 0 AND 100");
        });
        deal.HasKey(d => d.Id);
        deal.Property(d => d.Title).HasMaxLength(Deal.MaxTitleLength).UseCollation(ClientsDbContext.NameCollation);
        deal.Property(d => d.Amount).HasPrecision(18, 2);
        deal.Property(d => d.Currency).HasMaxLength(3);
        deal.Property(d => d.OwnerUserId).HasMaxLength(100);
        deal.Property(d => d.LostReason).HasMaxLength(Deal.MaxLostReasonLength);
        deal.Property(d => d.Version).IsRowVersion();
        deal.HasGeneratedTsVectorColumn(d => d.SearchVector, "simple", d => new { d.Title });
        deal.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Restrict);
        deal.HasOne<Contact>().WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Restrict);
        deal.HasOne<Pipeline>().WithMany().HasForeignKey(d => d.PipelineId).OnDelete(DeleteBehavior.Restrict);
        deal.HasOne<PipelineStage>().WithMany().HasForeignKey(d => d.StageId).OnDelete(DeleteBehavior.Restrict);

        // Keyset paging: every list order has an index ending in the id; the board reads by stage.
        deal.HasIndex(d => new { d.UpdatedAt, d.Id });
        deal.HasIndex(d => new { d.Amount, d.Id });
        deal.HasIndex(d => new { d.StageId, d.UpdatedAt, d.Id });
        deal.HasIndex(d => new { d.CompanyId, d.UpdatedAt, d.Id });
        deal.HasIndex(d => new { d.OwnerUserId, d.UpdatedAt, d.Id });
        deal.HasIndex(d => d.SearchVector).HasMethod("GIN");
    }
}

internal sealed class DealStageChangeConfiguration : IEntityTypeConfiguration<DealStageChange>
{
    public void Configure(EntityTypeBuilder<DealStageChange> change)
    {
        change.ToTable("deal_stage_history");
        change.HasKey(c => c.Id);
        change.Property(c => c.ChangedBy).HasMaxLength(100);
        change.Property(c => c.ChangedByName).HasMaxLength(200);
        change.Property(c => c.Amount).HasPrecision(18, 2);
        change.Property(c => c.Currency).HasMaxLength(3);
        change.HasOne<Deal>().WithMany().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Restrict);
        change.HasOne<PipelineStage>().WithMany().HasForeignKey(c => c.FromStageId).OnDelete(DeleteBehavior.Restrict);
        change.HasOne<PipelineStage>().WithMany().HasForeignKey(c => c.ToStageId).OnDelete(DeleteBehavior.Restrict);
        change.HasIndex(c => new { c.DealId, c.ChangedAt });
        // The funnel reads the changes of a period, by stage.
        change.HasIndex(c => new { c.ToStageId, c.ChangedAt });
    }
}
