using NpgsqlTypes;

namespace CrmSuite.Documents.Api.Attachments;

/// <summary>
/// A file attached to a record. Its bytes are <see cref="AttachmentChunk"/> rows in this service's
/// own database, so one backup of the database holds every file. Deleting only marks it deleted:
/// the bytes stay for auditors, and the deletion is in the audit log.
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public string RecordType { get; set; } = string.Empty;
    public Guid RecordId { get; set; }
    public string FileName { get; set; } = string.Empty;
    public string ContentType { get; set; } = string.Empty;
    public long SizeBytes { get; set; }
    public int ChunkCount { get; set; }
    public string Sha256 { get; set; } = string.Empty;
    /// <summary>Text found in the file (PDF, DOCX, plain text), searchable with the file name; null when none.</summary>
    public string? Text { get; set; }
    /// <summary>Computed by PostgreSQL from the file name and the text (see AttachmentConfiguration).</summary>
    public NpgsqlTsVector SearchVector { get; set; } = null!;
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedById { get; set; } = string.Empty;
    public string UploadedByName { get; set; } = string.Empty;
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedById { get; set; }
    public string? DeletedByName { get; set; }
}

/// <summary>One piece of a file's bytes, in order (<see cref="Index"/> from 0); at most Documents:Uploads:ChunkBytes each.</summary>
public sealed class AttachmentChunk
{
    public Guid AttachmentId { get; set; }
    public int Index { get; set; }
    public byte[] Data { get; set; } = [];
}
