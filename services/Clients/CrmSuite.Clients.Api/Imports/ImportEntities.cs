using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Clients.Api.Imports;

public enum ImportState
{
    Uploaded = 1,
    Previewed = 2,
    Running = 3,
    Completed = 4,
    Failed = 5,
    Undone = 6,
    Previewing = 7,
}

/// <summary>What a row of the file does; the numbers are stored (and equal the proto enum's).</summary>
public enum RowAction : short
{
    Create = 1,
    Update = 2,
    Merge = 3,
    Skip = 4,
    Error = 5,
}

/// <summary>One uploaded file and its way through mapping, preview, run and undo.</summary>
public sealed class ImportJob
{
    public Guid Id { get; set; }
    public string FileName { get; set; } = string.Empty;
    public string Format { get; set; } = string.Empty;
    public string? Encoding { get; set; }
    public string? Delimiter { get; set; }
    public ImportState State { get; set; }
    public string[] Headers { get; set; } = [];
    /// <summary>Company field per file column ("" = not imported), same length as <see cref="Headers"/>.</summary>
    public string[] Mapping { get; set; } = [];
    public int TotalRows { get; set; }
    public int RowsDone { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Merged { get; set; }
    public int Skipped { get; set; }
    public int Errors { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public string CreatedByName { get; set; } = string.Empty;
    public string CreatedByRole { get; set; } = string.Empty;
    /// <summary>Owner and team of the companies the import creates: the person who imports.</summary>
    public string? TeamId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Stamped on every company the run changed: undo refuses when one was changed since.</summary>
    public DateTimeOffset? RunAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
    public string? Failure { get; set; }
    public uint Version { get; set; }
}

/// <summary>A data row of the file as read (cells as text), before any mapping.</summary>
public sealed class ImportFileRow
{
    public Guid ImportId { get; set; }
    public int RowNumber { get; set; }
    public string[] Cells { get; set; } = [];
    public string? ParseError { get; set; }
}

/// <summary>A row after mapping: the normalised company fields and what the run will do with it.</summary>
public sealed class ImportRowPlan
{
    public Guid ImportId { get; set; }
    public int RowNumber { get; set; }
    public string? Name { get; set; }
    public string? Inn { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public RowAction SuggestedAction { get; set; }
    public RowAction? ChosenAction { get; set; }
    public int Reasons { get; set; }
    public Guid? MatchId { get; set; }
    public string? MatchName { get; set; }
    /// <summary>JSON array of {field, message}; null when the row is valid.</summary>
    public string? Errors { get; set; }
    /// <summary>The id a created company gets (UUIDv7, decided at preview time).</summary>
    public Guid NewId { get; set; }
}

/// <summary>What the run changed, for undo: a created company, or an existing one with its whole row before.</summary>
public sealed class ImportChange
{
    public Guid ImportId { get; set; }
    public Guid CompanyId { get; set; }
    public int RowNumber { get; set; }
    public RowAction Kind { get; set; }
    /// <summary>to_jsonb of the company row before the change (null for a created company).</summary>
    public string? Previous { get; set; }
}

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
