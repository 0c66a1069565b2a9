using ClosedXML.Excel;
using CrmSuite.Kpi.Api.Measures;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>
/// A period's bonus sheet as an XLSX workbook for the accountants: one row per person (name;
/// per measure fact, plan and achievement; total achievement; base salary; bonus; a note where
/// the formula stopped), a total row, headers in the person's language, money with two decimals.
/// Achievements and percent measures are stored as fractions with a percent format, so 125.5 % is the number 1.255.
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

        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add((ru ? "Премии " : "Bonuses ") + period.Code);

        var column = 1;
        sheet.Cell(1, column++).Value = ru ? "Сотрудник" : "Person";
        foreach (var code in codes)
        {
            var name = MeasureCatalogue.Find(code)?.Name(language) ?? code;
            sheet.Cell(1, column++).Value = ru ? $"{name}: факт" : $"{name}: fact";
            sheet.Cell(1, column++).Value = ru ? $"{name}: план" : $"{name}: plan";
            sheet.Cell(1, column++).Value = ru ? $"{name}: выполнение" : $"{name}: achievement";
        }
        sheet.Cell(1, column++).Value = ru ? "Общее выполнение" : "Total achievement";
        sheet.Cell(1, column++).Value = ru ? "Оклад" : "Base salary";
        sheet.Cell(1, column++).Value = ru ? "Премия" : "Bonus";
        sheet.Cell(1, column).Value = ru ? "Примечание" : "Note";
        var lastColumn = column;

        var row = 2;
        foreach (var result in results.OrderBy(r => r.PersonName, StringComparer.CurrentCulture))
        {
            column = 1;
            sheet.Cell(row, column++).Value = result.PersonName;
            var byCode = result.Measures.ToDictionary(m => m.MeasureCode, StringComparer.Ordinal);
            foreach (var code in codes)
            {
                var (format, scale) = FormatOf(code, money);
                if (byCode.TryGetValue(code, out var m))
                {
                    Number(sheet.Cell(row, column), m.Fact * scale, format);
                    Number(sheet.Cell(row, column + 1), m.Plan * scale, format);
                    Number(sheet.Cell(row, column + 2), m.Achievement / 100m, PercentFormat);
                }
                column += 3;
            }
            Number(sheet.Cell(row, column++), result.TotalAchievement / 100m, PercentFormat);
            Number(sheet.Cell(row, column++), result.BaseSalary, money);
            Number(sheet.Cell(row, column++), result.Bonus, money);
            if (result.BonusError is { } error)
                sheet.Cell(row, column).Value = error.MessageIn(language);
            row++;
        }

        sheet.Cell(row, 1).Value = ru ? "Итого" : "Total";
        Number(sheet.Cell(row, lastColumn - 2), results.Sum(r => r.BaseSalary), money);
        Number(sheet.Cell(row, lastColumn - 1), results.Sum(r => r.Bonus ?? 0m), money);
        sheet.Row(row).Style.Font.Bold = true;

        sheet.Row(1).Style.Font.Bold = true;
        sheet.Row(1).Style.Alignment.WrapText = true;
        sheet.SheetView.FreezeRows(1);
        // Fixed widths: ClosedXML's AdjustToContents measures text with System.Drawing, which needs GDI+ (absent on Linux).
        sheet.Column(1).Width = 32;
        sheet.Columns(2, lastColumn - 1).Width = 16;
        sheet.Column(lastColumn).Width = 48;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    // Percent measures (tasks on time, conversions) are fractions in the sheet like the achievements.
    private static (string Format, decimal Scale) FormatOf(string code, string money) => MeasureCatalogue.Find(code)?.Unit switch
    {
        MeasureUnit.Money => (money, 1m),
        MeasureUnit.Percent => (PercentFormat, 0.01m),
        MeasureUnit.Days => (DaysFormat, 1m),
        _ => (CountFormat, 1m),
    };

    private static void Number(IXLCell cell, decimal? value, string format)
    {
        if (value is not { } number)
            return;
        cell.Value = number;
        cell.Style.NumberFormat.Format = format;
    }
}
