using CrmSuite.BuildingBlocks.Spreadsheets;
using CrmSuite.Kpi.Api.Measures;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>
/// A period's bonus sheet as an XLSX workbook for the accountants: one row per person (name;
/// per measure fact, plan and achievement; total achievement; base salary; bonus; a note where
/// the formula stopped), a total row, headers in the person's language, money with two decimals.
/// Achievements and percent measures are stored as fractions with a percent format, so 125.5 % is the number 1.255.
/// Written with the OpenXml SDK (<see cref="XlsxWriter"/>), the same DocumentFormat.OpenXml the other services use.
/// </summary>
public static class BonusSheet
{
    private const string PercentFormat = "0.00%";
    private const string DaysFormat = "0.00";
    private const string CountFormat = "0";

    public static byte[] Write(KpiPeriod period, IReadOnlyList<PersonResult> results, string language, string currency = "RUB")
    {
        var ru = language.StartsWith("ru", StringComparison.OrdinalIgnoreCase);
        var money = currency == "RUB" ? "#,##0.00 \"₽\"" : $"#,##0.00 \"{currency}\"";
        var codes = results.SelectMany(r => r.Measures.Select(m => m.MeasureCode)).Distinct(StringComparer.Ordinal).ToList();

        List<string> header = [ru ? "Сотрудник" : "Person"];
        foreach (var code in codes)
        {
            var name = MeasureCatalogue.Find(code)?.Name(language) ?? code;
            header.AddRange(ru
                ? [$"{name}: факт", $"{name}: план", $"{name}: выполнение"]
                : [$"{name}: fact", $"{name}: plan", $"{name}: achievement"]);
        }
        header.AddRange(ru
            ? ["Общее выполнение", "Оклад", "Премия", "Примечание"]
            : ["Total achievement", "Base salary", "Bonus", "Note"]);

        List<IEnumerable<XlsxCell>> rows = [header.Select(h => XlsxCell.Of(h, bold: true, wrap: true))];
        foreach (var result in results.OrderBy(r => r.PersonName, StringComparer.CurrentCulture))
        {
            List<XlsxCell> row = [XlsxCell.Of(result.PersonName)];
            var byCode = result.Measures.ToDictionary(m => m.MeasureCode, StringComparer.Ordinal);
            foreach (var code in codes)
            {
                var (format, scale) = FormatOf(code, money);
                row.AddRange(byCode.TryGetValue(code, out var m)
                    ? [XlsxCell.Of(m.Fact * scale, format), XlsxCell.Of(m.Plan * scale, format), XlsxCell.Of(m.Achievement / 100m, PercentFormat)]
                    : [XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty]);
            }
            row.Add(XlsxCell.Of(result.TotalAchievement / 100m, PercentFormat));
            row.Add(XlsxCell.Of(result.BaseSalary, money));
            row.Add(XlsxCell.Of(result.Bonus, money));
            if (result.BonusError is { } error)
                row.Add(XlsxCell.Of(error.MessageIn(language)));
            rows.Add(row);
        }

        List<XlsxCell> total = [XlsxCell.Of(ru ? "Итого" : "Total", bold: true)];
        total.AddRange(Enumerable.Repeat(XlsxCell.Empty, header.Count - 4));
        total.Add(XlsxCell.Of(results.Sum(r => r.BaseSalary), money, bold: true));
        total.Add(XlsxCell.Of(results.Sum(r => r.Bonus ?? 0m), money, bold: true));
        rows.Add(total);

        // Fixed widths: measuring the texts would need the fonts' metrics, which a server does not have.
        double[] widths = [32, .. Enumerable.Repeat(16d, header.Count - 2), 48];
        return XlsxWriter.Write((ru ? "Премии " : "Bonuses ") + period.Code, rows, new XlsxLayout(widths, FrozenRows: 1));
    }

    // Percent measures (tasks on time, conversions) are fractions in the sheet like the achievements.
    private static (string Format, decimal Scale) FormatOf(string code, string money) => MeasureCatalogue.Find(code)?.Unit switch
    {
        MeasureUnit.Money => (money, 1m),
        MeasureUnit.Percent => (PercentFormat, 0.01m),
        MeasureUnit.Days => (DaysFormat, 1m),
        _ => (CountFormat, 1m),
    };
}
