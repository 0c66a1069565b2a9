using System.Globalization;
using CrmSuite.Documents.Api.Attachments;
using CrmSuite.Documents.Api.Rendering;
using Contracts = CrmSuite.Documents.Contracts;

namespace CrmSuite.Documents.Api.Documents;

public static class DocumentMapping
{
    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static Contracts.Document ToMessage(this Document d, string organisationName)
    {
        var model = DocumentModelBuilder.Deserialize(d.ModelJson);
        var message = new Contracts.Document
        {
            Id = d.Id.ToString(),
            Type = d.Type,
            State = DocumentTypes.Name(d.State),
            Number = d.Number ?? string.Empty,
            OrganisationId = d.OrganisationId.ToString(),
            OrganisationName = organisationName,
            CompanyId = d.CompanyId.ToString(),
            CompanyName = d.CompanyName,
            ContactId = d.ContactId?.ToString() ?? string.Empty,
            DealId = d.DealId?.ToString() ?? string.Empty,
            Date = Date(d.Date),
            DueDate = Date(d.DueDate),
            TemplateId = d.TemplateId?.ToString() ?? string.Empty,
            Currency = d.Currency,
            PricesIncludeVat = d.PricesIncludeVat,
            Net = DocumentLines.Money(model.Totals.Net),
            Vat = DocumentLines.Money(model.Totals.Vat),
            Total = DocumentLines.Money(model.Totals.Total),
            TotalInWords = model.Totals.InWords,
            Notes = d.Notes ?? string.Empty,
            FileAttachmentId = d.FileAttachmentId?.ToString() ?? string.Empty,
            FileSha256 = d.FileSha256 ?? string.Empty,
            FileUrl = d.FileAttachmentId is { } file ? FileEndpoints.FileUrl(file) : string.Empty,
            IssuedAt = Time(d.IssuedAt),
            SentAt = Time(d.SentAt),
            PaidOn = Date(d.PaidOn),
            SignedAt = Time(d.SignedAt),
            AnnulledAt = Time(d.AnnulledAt),
            AnnulReason = d.AnnulReason ?? string.Empty,
            OwnerUserId = d.OwnerUserId,
            CreatedAt = Time(d.CreatedAt),
            UpdatedAt = Time(d.UpdatedAt),
            Version = d.Version.ToString(CultureInfo.InvariantCulture),
            ModelJson = d.ModelJson,
        };
        var typed = DocumentModelBuilder.DeserializeLines(d.LinesJson);
        message.Lines.AddRange(model.Lines.Select((l, i) => Line(l, i < typed.Count ? typed[i].ProductId : null)));
        message.Emails.AddRange(d.Emails.OrderBy(e => e.SentAt).Select(e => new Contracts.DocumentEmail
        {
            To = e.To, Subject = e.Subject, SentAt = Time(e.SentAt), SentByName = e.SentByName, MessageId = e.MessageId,
        }));
        return message;
    }

    private static Contracts.DocumentLine Line(LineModel l, Guid? productId) => new()
    {
        Position = l.Position,
        ProductId = productId?.ToString() ?? string.Empty,
        Sku = l.Sku ?? string.Empty,
        Name = l.Name,
        Unit = l.Unit,
        Quantity = DocumentLines.Quantity(l.Quantity),
        Price = DocumentLines.Money(l.Price),
        Amount = DocumentLines.Money(l.Amount),
        VatLabel = l.VatLabel,
        VatAmount = DocumentLines.Money(l.VatAmount),
        Total = DocumentLines.Money(l.Total),
    };

    /// <summary>What the audit log keeps of a document (its state and money, not the whole model).</summary>
    public static object Audited(this Document d) => new
    {
        d.Type, State = DocumentTypes.Name(d.State), d.Number, OrganisationId = d.OrganisationId.ToString(), CompanyId = d.CompanyId.ToString(),
        DealId = d.DealId?.ToString(), Date = Date(d.Date), DueDate = Date(d.DueDate), d.Currency, d.Total, d.FileSha256,
        PaidOn = Date(d.PaidOn), d.AnnulReason,
    };
}
