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

/// <summary>A document was issued: numbered, its file made and kept (it shows on the company's card).</summary>
/// <remarks>
/// The trailing optional members (who acted, by name; an invoice's type) were added for the company card's
/// timeline: events written before them still read, with those members null.
/// </remarks>
public sealed record DocumentIssued(Guid DocumentId, string Type, string Number, Guid OrganisationId, Guid CompanyId, Guid? DealId,
    decimal Total, string Currency, string Sha256, string IssuedBy, DateTimeOffset OccurredAt,
    string? IssuedByName = null)
{
    public const string Topic = "documents.document-issued";
}

/// <summary>An issued document was e-mailed (its file attached) to the client.</summary>
public sealed record DocumentSent(Guid DocumentId, string Type, string Number, Guid CompanyId, Guid? DealId, string To, string SentBy, DateTimeOffset OccurredAt,
    string? SentByName = null)
{
    public const string Topic = "documents.document-sent";
}

/// <summary>An invoice was paid: revenue for the KPI service (amount in the invoice's currency, VAT included).</summary>
public sealed record InvoicePaid(Guid DocumentId, string Number, Guid CompanyId, Guid? DealId, string OwnerUserId, decimal Amount, string Currency,
    DateOnly PaidOn, DateTimeOffset OccurredAt, string? Type = null, string? ActorId = null, string? ActorName = null)
{
    public const string Topic = "documents.invoice-paid";
}

/// <summary>A contract, act or offer was signed by the client.</summary>
public sealed record DocumentSigned(Guid DocumentId, string Type, string Number, Guid CompanyId, Guid? DealId, DateTimeOffset OccurredAt,
    string? ActorId = null, string? ActorName = null)
{
    public const string Topic = "documents.document-signed";
}

/// <summary>An issued document was annulled; it keeps its number (numbering has no gaps).</summary>
public sealed record DocumentAnnulled(Guid DocumentId, string Type, string Number, Guid CompanyId, Guid? DealId, string Reason, DateTimeOffset OccurredAt,
    string? ActorId = null, string? ActorName = null)
{
    public const string Topic = "documents.document-annulled";
}
