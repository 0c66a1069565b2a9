using System.Globalization;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Deals;
using CrmSuite.Gateway.UI.Localization;
using Radzen;

namespace CrmSuite.Gateway.UI.DocumentRecords;

/// <summary>The words and badges a person sees for a document's type, state, date and money (the service speaks in codes).</summary>
internal static class DocumentLabels
{
    public static readonly IReadOnlyList<(string Code, Text Text)> Types =
    [
        ("invoice", Texts.DocumentRecords.TypeInvoice),
        ("contract", Texts.DocumentRecords.TypeContract),
        ("act", Texts.DocumentRecords.TypeAct),
        ("offer", Texts.DocumentRecords.TypeOffer),
        ("invoice_en", Texts.DocumentRecords.TypeInvoiceEn),
        ("quote_en", Texts.DocumentRecords.TypeQuoteEn),
    ];

    public static readonly IReadOnlyList<(string Code, Text Text)> States =
    [
        ("draft", Texts.DocumentRecords.StateDraft),
        ("issued", Texts.DocumentRecords.StateIssued),
        ("sent", Texts.DocumentRecords.StateSent),
        ("paid", Texts.DocumentRecords.StatePaid),
        ("signed", Texts.DocumentRecords.StateSigned),
        ("annulled", Texts.DocumentRecords.StateAnnulled),
    ];

    public static string TypeText(UiText t, string code) => Types.FirstOrDefault(type => type.Code == code).Text is { } text ? t[text] : code;

    public static string StateText(UiText t, string code) => States.FirstOrDefault(state => state.Code == code).Text is { } text ? t[text] : code;

    public static BadgeStyle StateStyle(string state) => state switch
    {
        "draft" => BadgeStyle.Light,
        "issued" => BadgeStyle.Info,
        "sent" => BadgeStyle.Primary,
        "paid" or "signed" => BadgeStyle.Success,
        "annulled" => BadgeStyle.Danger,
        _ => BadgeStyle.Base,
    };

    /// <summary>A yyyy-MM-dd date as the person's culture writes it (06.12.2026, 12/6/2026).</summary>
    public static string Date(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d", CultureInfo.CurrentCulture)
            : isoDate;

    public static DateOnly? ParseDate(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string Money(string amount, string currency) => DealMoney.Format(amount, currency);

    /// <summary>"Invoice No. СЧ-2026-000001 of 06.12.2026", or "Invoice (draft) of …" before it has a number.</summary>
    public static string Title(UiText t, Document document) => document.Number.Length == 0
        ? t.Format(Texts.DocumentRecords.DraftTitle, TypeText(t, document.Type), Date(document.Date))
        : t.Format(Texts.DocumentRecords.DocumentTitle, TypeText(t, document.Type), document.Number, Date(document.Date));

    /// <summary>What can be done to a document in its state (the service refuses the rest with 409).</summary>
    public static DocumentActions ActionsFor(Document document) => document.State switch
    {
        "draft" => DocumentActions.Edit | DocumentActions.Issue,
        "issued" or "sent" => DocumentActions.ViewPdf | DocumentActions.Send | DocumentActions.Annul
            | (IsInvoice(document) ? DocumentActions.MarkPaid : DocumentActions.MarkSigned),
        // A paid or signed document may still be e-mailed again (a copy for the accountant); an annulled one only shown.
        "paid" or "signed" => DocumentActions.ViewPdf | DocumentActions.Send,
        "annulled" => DocumentActions.ViewPdf,
        _ => DocumentActions.None,
    };

    public static bool IsInvoice(Document document) => document.Type is "invoice" or "invoice_en";
}

[Flags]
internal enum DocumentActions
{
    None = 0,
    Edit = 1,
    Issue = 2,
    ViewPdf = 4,
    Send = 8,
    MarkPaid = 16,
    MarkSigned = 32,
    Annul = 64,
}

/// <summary>The form open under a document's actions.</summary>
public enum DocumentPanel
{
    None,
    Edit,
    Send,
    Paid,
    Annul,
}
