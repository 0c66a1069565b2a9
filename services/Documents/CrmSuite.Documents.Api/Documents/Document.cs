namespace CrmSuite.Documents.Api.Documents;

/// <summary>
/// An invoice, contract, act, offer or English invoice/quote of one of our organisations for a
/// client company. Everything its template prints is <see cref="ModelJson"/>, snapshotted when it
/// is made and on each draft edit, and frozen at issue (with the number): a later change of the
/// client card or the price list never changes a document already made.
/// </summary>
public sealed class Document
{
    public Guid Id { get; set; }
    public string Type { get; set; } = string.Empty;
    public DocumentState State { get; set; }
    /// <summary>Given at issue (drafts have none); kept when annulled.</summary>
    public string? Number { get; set; }
    /// <summary>The counter value behind <see cref="Number"/> (1, 2, … per organisation, type and year).</summary>
    public long? Sequence { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid CompanyId { get; set; }
    public string CompanyName { get; set; } = string.Empty;
    /// <summary>The number and the buyer's name in lower case, ё as е: what the list's search matches (computed by the database).</summary>
    public string SearchKey { get; private set; } = string.Empty;
    public Guid? ContactId { get; set; }
    public Guid? DealId { get; set; }
    public DateOnly Date { get; set; }
    public DateOnly? DueDate { get; set; }
    public Guid? TemplateId { get; set; }
    public string Currency { get; set; } = "RUB";
    public bool PricesIncludeVat { get; set; }
    public string? Notes { get; set; }
    /// <summary>The lines as typed (jsonb): what a draft edit starts from.</summary>
    public string LinesJson { get; set; } = "[]";
    /// <summary>The <see cref="Rendering.DocumentModel"/> (jsonb).</summary>
    public string ModelJson { get; set; } = "{}";
    public decimal Total { get; set; }
    /// <summary>The buyer's e-mail default: the contact's (or the deal's contact's) address when the document was made.</summary>
    public string? ContactEmail { get; set; }
    public string OwnerUserId { get; set; } = string.Empty;
    public Guid? FileAttachmentId { get; set; }
    public string? FileSha256 { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateOnly? PaidOn { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public DateTimeOffset? AnnulledAt { get; set; }
    public string? AnnulReason { get; set; }
    public List<DocumentEmail> Emails { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

public enum DocumentState
{
    Draft = 0,
    Issued = 1,
    Sent = 2,
    Paid = 3,
    Signed = 4,
    Annulled = 5,
}

/// <summary>A message that carried the document's file (recorded on the document and the company card).</summary>
public sealed class DocumentEmail
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    public string To { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;
    public string MessageId { get; set; } = string.Empty;
    public DateTimeOffset SentAt { get; set; }
    public string SentById { get; set; } = string.Empty;
    public string SentByName { get; set; } = string.Empty;
}

/// <summary>The numbering pattern of an organisation's documents of one type (default per type when none).</summary>
public sealed class NumberingRule
{
    public Guid OrganisationId { get; set; }
    public string Type { get; set; } = string.Empty;
    public string Pattern { get; set; } = string.Empty;
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The last number given per organisation, type and year. Updated (UPDATE … RETURNING) in the
/// issuing transaction: a rolled-back issue gives its number back, concurrent issues queue on the row.
/// </summary>
public sealed class DocumentCounter
{
    public Guid OrganisationId { get; set; }
    public string Type { get; set; } = string.Empty;
    public int Year { get; set; }
    public long LastNumber { get; set; }
}
