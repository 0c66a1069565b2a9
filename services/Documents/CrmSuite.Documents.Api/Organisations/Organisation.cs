namespace CrmSuite.Documents.Api.Organisations;

/// <summary>One of our own organisations, with the requisites printed on its documents.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Inn { get; set; } = string.Empty;
    public string Kpp { get; set; } = string.Empty;
    public string Ogrn { get; set; } = string.Empty;
    public string Address { get; set; } = string.Empty;
    public string BankName { get; set; } = string.Empty;
    public string Bik { get; set; } = string.Empty;
    public string CorrespondentAccount { get; set; } = string.Empty;
    public string SettlementAccount { get; set; } = string.Empty;
    public string DirectorName { get; set; } = string.Empty;
    public string AccountantName { get; set; } = string.Empty;
    public Guid? SignatureAttachmentId { get; set; }
    public Guid? StampAttachmentId { get; set; }
    public Guid? LogoAttachmentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}
