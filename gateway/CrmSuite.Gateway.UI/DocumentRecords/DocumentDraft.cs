using System.Globalization;
using CrmSuite.Documents.Contracts;

namespace CrmSuite.Gateway.UI.DocumentRecords;

/// <summary>A draft's lines as the person edits them: text as typed, sent to the service as it reads decimals.</summary>
public sealed class DocumentDraft
{
    /// <summary>The VAT choices of a line; empty: the standard rate on the document's date (22 % from 2026).</summary>
    public static readonly IReadOnlyList<string> VatRates = ["", "22", "20", "10", "7", "5", "0", "none"];

    public List<DraftLine> Lines { get; } = [];

    public bool PricesIncludeVat { get; set; }

    public string Notes { get; set; } = "";

    internal static DocumentDraft From(Document document)
    {
        var draft = new DocumentDraft { PricesIncludeVat = document.PricesIncludeVat, Notes = document.Notes };
        draft.Lines.AddRange(document.Lines.Select(line => new DraftLine
        {
            ProductId = line.ProductId,
            Sku = line.Sku,
            Name = line.Name,
            Quantity = Shown(line.Quantity),
            Unit = line.Unit,
            Price = Shown(line.Price),
            VatRate = VatRateOf(line.VatLabel),
        }));
        return draft;
    }

    /// <summary>The rate code of a line's label ("22 %" → "22", "Без НДС" / "No VAT" → "none").</summary>
    public static string VatRateOf(string vatLabel)
    {
        var digits = new string(vatLabel.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        return digits.Length > 0 ? digits : vatLabel.Length == 0 ? "" : "none";
    }

    public UpdateDocumentRequest ToUpdateRequest(Document document)
    {
        var request = new UpdateDocumentRequest
        {
            Id = document.Id,
            Version = document.Version,
            OrganisationId = document.OrganisationId,
            ContactId = document.ContactId,
            Date = document.Date,
            DueDate = document.DueDate,
            TemplateId = document.TemplateId,
            Currency = document.Currency,
            Notes = Notes.Trim(),
            PricesIncludeVat = PricesIncludeVat,
        };
        request.Lines.AddRange(Lines.Select(line => new DocumentLineInput
        {
            ProductId = line.ProductId,
            Sku = line.Sku,
            Name = line.Name.Trim(),
            Quantity = Decimal(line.Quantity),
            Unit = line.Unit.Trim(),
            Price = Decimal(line.Price),
            VatRate = line.VatRate,
        }));
        return request;
    }

    /// <summary>"1 500,50" or "1500.50" as the service reads decimals ("1500.50"); anything else as typed, for the service to name.</summary>
    public static string Decimal(string typed)
    {
        var compact = typed.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(compact, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : typed.Trim();
    }

    private static string Shown(string serviceDecimal) =>
        decimal.TryParse(serviceDecimal, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value.ToString(CultureInfo.CurrentCulture)
            : serviceDecimal;
}

public sealed class DraftLine
{
    public string ProductId { get; set; } = "";

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public string Quantity { get; set; } = "1";

    public string Unit { get; set; } = "";

    public string Price { get; set; } = "";

    public string VatRate { get; set; } = "";
}
