using CrmSuite.BuildingBlocks.Errors;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>The kinds of document, their language, default numbering and which end states they reach.</summary>
public static class DocumentTypes
{
    public const string Invoice = "invoice";
    public const string Contract = "contract";
    public const string Act = "act";
    public const string Offer = "offer";
    public const string InvoiceEn = "invoice_en";
    public const string QuoteEn = "quote_en";

    public static readonly IReadOnlyList<string> All = [Invoice, Contract, Act, Offer, InvoiceEn, QuoteEn];

    /// <summary>Paid is for invoices; the others are signed (or simply sent).</summary>
    public static bool IsInvoice(string type) => type is Invoice or InvoiceEn;

    public static string Language(string type) => type is InvoiceEn or QuoteEn ? "en" : "ru";

    /// <summary>The pattern used until an administrator sets one (SetNumbering).</summary>
    public static string DefaultPattern(string type) => type switch
    {
        Invoice => "СЧ-{yyyy}-{n:000000}",
        Contract => "ДГ-{yyyy}-{n:0000}",
        Act => "АКТ-{yyyy}-{n:000000}",
        Offer => "КП-{yyyy}-{n:0000}",
        InvoiceEn => "INV-{yyyy}-{n:000000}",
        _ => "Q-{yyyy}-{n:0000}",
    };

    /// <summary>The type a request names, or a field error listing the known ones.</summary>
    public static string Parse(FieldErrors errors, string field, string value, string? fallback = null)
    {
        var type = value.Trim().ToLowerInvariant();
        if (type.Length == 0 && fallback is not null)
        {
            return fallback;
        }
        if (!All.Contains(type))
        {
            errors.Add(field, (type.Length == 0 ? "Required: " : "Must be ") + "one of " + string.Join(", ", All) + ".");
        }
        return type;
    }

    public static string Name(DocumentState state) => state.ToString().ToLowerInvariant();

    public static DocumentState? ParseState(string value) =>
        Enum.TryParse<DocumentState>(value.Trim(), ignoreCase: true, out var state) && Enum.IsDefined(state) ? state : null;
}
