using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Documents.Api.Rendering;

namespace CrmSuite.Documents.Api.Money;

/// <summary>One line as a person enters it (or as a deal line brings it): quantity × price at a VAT kind.</summary>
public sealed record MoneyLine(string Name, string Unit, decimal Quantity, decimal Price, VatKind Vat, string? Sku = null);

/// <summary>A document's lines and totals, ready for <see cref="DocumentModel"/>, and the VAT facts behind the labels.</summary>
public sealed record DocumentAmounts(IReadOnlyList<LineModel> Lines, TotalsModel Totals, bool PricesIncludeVat, IReadOnlyList<VatRate> Rates);

/// <summary>
/// Works out a document's money; each line by <see cref="LineMoney"/>, which a deal's lines use too,
/// so an invoice made from a deal totals what the deal does. Each line's amount is quantity × price rounded to kopecks (what the
/// "Сумма" column prints); its VAT is worked out from that rounded amount and rounded too, at the
/// rate of the line's kind valid on the document's date. With prices that include VAT the VAT is
/// taken out of the amount (amount × rate / (100 + rate)) and the line's total is its amount; with
/// prices without VAT it is added on top. The totals are the sums of the rounded lines, so they add
/// up to the kopeck. Rounding is half away from zero, as accountants round.
/// </summary>
public static class DocumentMoney
{
    /// <param name="lines">The lines in order; positions are numbered from 1.</param>
    /// <param name="date">The document's date: it chooses the rates (31.12.2025 → 20 %, 01.01.2026 → 22 %).</param>
    /// <param name="pricesIncludeVat">Whether the prices already contain VAT (retail style) or VAT comes on top.</param>
    /// <param name="language">"ru" or "en": labels and the amount in words.</param>
    /// <param name="currency">ISO code; the amount in words names it (RUB, USD, EUR, CNY by name, others by code).</param>
    /// <exception cref="ValidationFailedException">A line with a negative quantity or price, or a VAT kind without a rate on that date (field "lines[i].…").</exception>
    public static DocumentAmounts Calculate(IReadOnlyList<MoneyLine> lines, DateOnly date, bool pricesIncludeVat, string language = "ru", string currency = "RUB")
    {
        var errors = new List<FieldError>();
        var models = new List<LineModel>(lines.Count);
        var rates = new List<VatRate>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Quantity < 0)
            {
                errors.Add(new FieldError($"lines[{i}].quantity", "Quantity cannot be negative."));
            }
            if (line.Price < 0)
            {
                errors.Add(new FieldError($"lines[{i}].price", "Price cannot be negative."));
            }
            var rate = VatRates.Find(line.Vat, date);
            if (rate is null)
            {
                errors.Add(new FieldError($"lines[{i}].vat", $"There is no VAT rate '{VatRates.Code(line.Vat)}' on {date:dd.MM.yyyy}."));
                continue;
            }
            if (!rates.Contains(rate))
            {
                rates.Add(rate);
            }
            models.Add(Line(i + 1, line, rate, pricesIncludeVat, language));
        }
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var vat = models.Sum(l => l.VatAmount);
        var total = models.Sum(l => l.Total);
        var totals = new TotalsModel(total - vat, vat, total, TotalsLabel(rates, pricesIncludeVat, language), AmountInWords.Write(total, currency, language));
        return new DocumentAmounts(models, totals, pricesIncludeVat, rates);
    }

    private static LineModel Line(int position, MoneyLine line, VatRate rate, bool pricesIncludeVat, string language)
    {
        var (amount, vat, total) = LineMoney.Of(line.Quantity, line.Price, rate.Percent, pricesIncludeVat);
        return new LineModel(position, line.Name, line.Sku, line.Unit, line.Quantity, line.Price, amount, rate.Label(language), rate.Percent, vat, total);
    }

    /// <summary>
    /// «Без НДС» when no line carries VAT; otherwise «В т.ч. НДС 22 %» (prices include VAT) or
    /// «НДС 22 %» (on top), the percentage left out when the lines carry different rates.
    /// </summary>
    private static string TotalsLabel(IReadOnlyList<VatRate> rates, bool pricesIncludeVat, string language)
    {
        var taxed = rates.Where(r => r.Percent is not null).Select(r => r.Percent!.Value).Distinct().ToList();
        var english = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        if (taxed.Count == 0)
        {
            return english ? "No VAT" : "Без НДС";
        }
        var name = (pricesIncludeVat, english) switch
        {
            (true, true) => "Incl. VAT",
            (true, false) => "В т.ч. НДС",
            (false, true) => "VAT",
            (false, false) => "НДС",
        };
        return taxed.Count == 1 ? name + " " + VatRates.FormatPercent(taxed[0], language) : name;
    }

    /// <summary>Rounds to kopecks, half away from zero (the rule deals share: <see cref="LineMoney"/>).</summary>
    public static decimal Kopecks(decimal amount) => LineMoney.Kopecks(amount);
}
