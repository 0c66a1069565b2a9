namespace CrmSuite.Documents.Api.Rendering;

/// <summary>
/// Everything a template may print, snapshotted into the document when it is made (a later change
/// of the client card or the price list does not change an issued document). Templates see these
/// DTOs only (Fluid is not a sandbox: never hand it an entity or a service).
/// Amounts are decimals in roubles (or the document's currency), already rounded to kopecks.
/// </summary>
public sealed record DocumentModel(
    string Type,
    string Language,
    string? Number,
    DateOnly Date,
    DateOnly? DueDate,
    string Currency,
    PartyModel Seller,
    PartyModel Buyer,
    ContactModel? Contact,
    DealModel? Deal,
    IReadOnlyList<LineModel> Lines,
    TotalsModel Totals,
    string? Notes,
    PaymentQrModel? PaymentQr);

/// <summary>A party's requisites (our organisation or the client company).</summary>
public sealed record PartyModel(
    string Name,
    string? Inn,
    string? Kpp,
    string? Ogrn,
    string? Address,
    string? BankName,
    string? Bik,
    string? CorrespondentAccount,
    string? SettlementAccount,
    string? DirectorName,
    string? AccountantName,
    string? Phone,
    string? Email,
    string? LogoDataUri,
    string? SignatureDataUri,
    string? StampDataUri);

public sealed record ContactModel(string Name, string? Email, string? Phone, string? Position);

public sealed record DealModel(string Title, decimal? Amount);

/// <summary>One line: quantity × price, VAT at the rate valid on the document's date, each rounded to kopecks.</summary>
public sealed record LineModel(
    int Position,
    string Name,
    string? Sku,
    string Unit,
    decimal Quantity,
    decimal Price,
    decimal Amount,
    string VatLabel,
    decimal? VatRate,
    decimal VatAmount,
    decimal Total);

/// <summary>Totals that add up to the lines; <c>InWords</c> is the total written out (рубль/рубля/рублей, копеек; or English).</summary>
public sealed record TotalsModel(decimal Net, decimal Vat, decimal Total, string VatLabel, string InWords);

/// <summary>The ГОСТ Р 56042-2014 payment code (ST00012…) and its picture, printed on an invoice.</summary>
public sealed record PaymentQrModel(string Payload, string ImageDataUri);

/// <summary>What a renderer made: the bytes, their content type and a file name for download.</summary>
public sealed record RenderedFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Renders a template (HTML + Liquid printed to PDF by a warm Chromium; or a DOCX filled from Word
/// placeholders) with a document's model. A template error (unknown variable, bad syntax) is a
/// <c>ValidationFailedException</c> on field "template" naming the line.
/// </summary>
public interface IDocumentRenderer
{
    Task<RenderedFile> RenderAsync(Guid templateId, DocumentModel model, CancellationToken cancellationToken);
}
