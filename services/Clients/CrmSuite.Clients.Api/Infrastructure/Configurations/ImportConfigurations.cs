using CrmSuite.Clients.Api.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Infrastructure.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> job)
    {
        job.ToTable("imports");
        job.HasKey(j => j.Id);
        job.Property(j => j.FileName).HasMaxLength(260);
        job.Property(j => j.Format).HasMaxLength(10);
        job.Property(j => j.Encoding).HasMaxLength(20);
        job.Property(j => j.Delimiter).HasMaxLength(1);
        job.Property(j => j.CreatedBy).HasMaxLength(100);
        job.Property(j => j.CreatedByName).HasMaxLength(200);
        job.Property(j => j.CreatedByRole).HasMaxLength(200);
        job.Property(j => j.TeamId).HasMaxLength(100);
        job.Property(j => j.Failure).HasMaxLength(2000);
        job.Property(j => j.Version).IsRowVersion();
        // History: the caller's imports newest first (keyset), and the runner's restart scan.
        job.HasIndex(j => new { j.CreatedBy, j.CreatedAt, j.Id });
        job.HasIndex(j => new { j.CreatedAt, j.Id });
        job.HasIndex(j => j.State).HasFilter("state = 3");
    }
}

internal sealed class ImportFileRowConfiguration : IEntityTypeConfiguration<ImportFileRow>
{
    public void Configure(EntityTypeBuilder<ImportFileRow> row)
    {
        row.ToTable("import_file_rows");
        row.HasKey(r => new { r.ImportId, r.RowNumber });
        row.HasOne<ImportJob>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRowPlanConfiguration : IEntityTypeConfiguration<ImportRowPlan>
{
    public void Configure(EntityTypeBuilder<ImportRowPlan> row)
    {
        row.ToTable("import_row_plans");
        row.HasKey(r => new { r.ImportId, r.RowNumber });
        row.Property(r => r.Errors).HasColumnType("jsonb");
        row.HasOne<ImportJob>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportChangeConfiguration : IEntityTypeConfiguration<ImportChange>
{
    public void Configure(EntityTypeBuilder<ImportChange> change)
    {
        change.ToTable("import_changes");
        change.HasKey(c => new { c.ImportId, c.CompanyId });
        change.Property(c => c.Previous).HasColumnType("jsonb");
        change.HasOne<ImportJob>().WithMany().HasForeignKey(c => c.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
