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
