namespace CrmSuite.Documents.Contracts.Events;

/// <summary>A file was attached to a record (a company, contact, deal, lead, task, product or movement).</summary>
public sealed record AttachmentAdded(Guid AttachmentId, string RecordType, string RecordId, string FileName, string ContentType, long SizeBytes,
    string UploadedBy, DateTimeOffset OccurredAt)
{
    public const string Topic = "documents.attachment-added";
}

/// <summary>A file was removed from its record (soft delete: auditors still see it was there).</summary>
public sealed record AttachmentDeleted(Guid AttachmentId, string RecordType, string RecordId, string FileName, string DeletedBy, DateTimeOffset OccurredAt)
{
    public const string Topic = "documents.attachment-deleted";
}
