using CrmSuite.Documents.Api.Rendering;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>
/// Lines and totals of a document: each line rounded to kopecks, totals the sums of the rounded lines.
/// </summary>
public static class DocumentMoney
{
    public static (IReadOnlyList<LineModel> Lines, TotalsModel Totals) Calculate(IReadOnlyList<LineData> lines, DateOnly date, bool pricesIncludeVat,
        string currency, string language)
    {
        var models = new List<LineModel>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var rate = Rate(line.VatRate, date);
            var price = line.Price ?? 0m;
            var gross = Math.Round(line.Quantity * price, 2, MidpointRounding.AwayFromZero);
            decimal net, vat;
            if (rate is not { } r)
            {
                (net, vat) = (gross, 0m);
            }
            else if (pricesIncludeVat)
            {
                vat = Math.Round(gross * r / (100m + r), 2, MidpointRounding.AwayFromZero);
                net = gross - vat;
            }
            else
            {
                net = gross;
                vat = Math.Round(net * r / 100m, 2, MidpointRounding.AwayFromZero);
            }
            models.Add(new LineModel(i + 1, line.Name, line.Sku, line.Unit.Length == 0 ? "шт" : line.Unit, line.Quantity, price, net,
                Label(rate, language), rate, vat, net + vat));
        }
        var rates = models.Select(m => m.VatLabel).Distinct().ToList();
        var totalNet = models.Sum(m => m.Amount);
        var totalVat = models.Sum(m => m.VatAmount);
        var total = totalNet + totalVat;
        return (models, new TotalsModel(totalNet, totalVat, total, rates.Count == 1 ? rates[0] : string.Join(", ", rates), string.Empty));
    }

    /// <summary>The rate a line names, or the standard rate on the document's date (22 % from 2026, 20 % before); null: without VAT.</summary>
    public static decimal? Rate(string vatRate, DateOnly date) => vatRate switch
    {
        "none" => null,
        "" => date.Year >= 2026 ? 22m : 20m,
        _ => decimal.Parse(vatRate, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Label(decimal? rate, string language) =>
        rate is { } r ? $"{r:0.##} %" : language == "en" ? "No VAT" : "Без НДС";
}
