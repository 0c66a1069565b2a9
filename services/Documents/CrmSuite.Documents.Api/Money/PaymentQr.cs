using System.Globalization;
using System.Text;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Documents.Api.Rendering;
using QRCoder;

namespace CrmSuite.Documents.Api.Money;

/// <summary>
/// The payment code of ГОСТ Р 56042-2014 printed on a rouble invoice: a bank app that scans it fills
/// the payment order. The text is the header <c>ST00012</c> (format ST0001, encoding 2 = UTF-8) and
/// <c>|Key=Value</c> pairs in a fixed order: Name, PersonalAcc, BankName, BIC, CorrespAcc (required),
/// then PayeeINN, KPP, Purpose, Sum (in kopecks) when known. The picture is a PNG data URI with the
/// text encoded as UTF-8 (no BOM), error correction M.
/// </summary>
public static class PaymentQr
{
    // The standard's field lengths (table 1): longer values are cut, never refused, so an issue never fails on them.
    private const int NameMax = 160;
    private const int BankNameMax = 45;
    private const int PurposeMax = 210;

    /// <summary>The code for an issued document: the seller is the payee. Null for a document in another currency than roubles.</summary>
    /// <exception cref="ValidationFailedException">The document has no number yet, or the seller lacks bank details (fields "seller.…").</exception>
    public static PaymentQrModel? ForDocument(DocumentModel document)
    {
        if (!string.Equals(document.Currency, "RUB", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(document.Number))
        {
            throw new ValidationFailedException("number", "The payment code needs the invoice's number: issue the invoice first.");
        }
        return ForInvoice(document.Seller, document.Number, document.Date, document.Lines, document.Totals);
    }

    /// <summary>The code for invoice <paramref name="number"/> of <paramref name="date"/> to be paid to <paramref name="payee"/>.</summary>
    /// <exception cref="ValidationFailedException">The payee lacks a name, settlement account, bank, BIK or correspondent account (fields "seller.…").</exception>
    public static PaymentQrModel ForInvoice(PartyModel payee, string number, DateOnly date, IReadOnlyList<LineModel> lines, TotalsModel totals)
    {
        var payload = Payload(payee, Purpose(number, date, lines, totals), totals.Total);
        return new PaymentQrModel(payload, PngDataUri(payload));
    }

    /// <summary>«Оплата по счёту № СЧ-2026-000123 от 06.12.2026, в т.ч. НДС 22 % — 2 200,00 руб.» (or «…, без НДС»).</summary>
    public static string Purpose(string number, DateOnly date, IReadOnlyList<LineModel> lines, TotalsModel totals)
    {
        var percents = lines.Where(l => l.VatRate is not null).Select(l => l.VatRate!.Value).Distinct().ToList();
        var vat = percents.Count switch
        {
            0 => "без НДС",
            1 => $"в т.ч. НДС {VatRates.FormatPercent(percents[0], "ru")} — {MoneyFormat.Russian(totals.Vat)} руб.",
            _ => $"в т.ч. НДС — {MoneyFormat.Russian(totals.Vat)} руб.",
        };
        return $"Оплата по счёту № {number} от {date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}, {vat}";
    }

    /// <summary>The ST00012 text. Optional values that are empty are left out.</summary>
    public static string Payload(PartyModel payee, string purpose, decimal sum)
    {
        var errors = new List<FieldError>();
        Require(errors, "seller.name", payee.Name, "name");
        Require(errors, "seller.settlementAccount", payee.SettlementAccount, "settlement account");
        Require(errors, "seller.bankName", payee.BankName, "bank name");
        Require(errors, "seller.bik", payee.Bik, "bank BIK");
        Require(errors, "seller.correspondentAccount", payee.CorrespondentAccount, "correspondent account");
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var text = new StringBuilder("ST00012");
        Add(text, "Name", payee.Name, NameMax);
        Add(text, "PersonalAcc", payee.SettlementAccount);
        Add(text, "BankName", payee.BankName, BankNameMax);
        Add(text, "BIC", payee.Bik);
        Add(text, "CorrespAcc", payee.CorrespondentAccount);
        Add(text, "PayeeINN", payee.Inn);
        Add(text, "KPP", payee.Kpp);
        Add(text, "Purpose", purpose, PurposeMax);
        Add(text, "Sum", ((long)(DocumentMoney.Kopecks(sum) * 100m)).ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>The payload drawn as a PNG (4 pixels a module, a quiet zone of 4 modules), as a data URI for an &lt;img&gt;.</summary>
    public static string PngDataUri(string payload)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true, utf8BOM: false);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }

    private static void Require(List<FieldError> errors, string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"The payment code needs the organisation's {what}: fill it in the organisation's requisites."));
        }
    }

    private static void Add(StringBuilder text, string key, string? value, int max = int.MaxValue)
    {
        // '|' separates the pairs: inside a value it would cut the payment order short.
        var clean = (value ?? string.Empty).Replace('|', '/').Replace('\r', ' ').Replace('\n', ' ').Trim();
        if (clean.Length == 0)
        {
            return;
        }
        text.Append('|').Append(key).Append('=').Append(clean.Length > max ? clean[..max] : clean);
    }
}
