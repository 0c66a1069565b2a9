using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using CrmSuite.BuildingBlocks.Spreadsheets;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Schemes;

namespace CrmSuite.Kpi.UnitTests;

/// <summary>The bonus sheet an accountant downloads: read back with the OpenXml SDK, it holds each person's figures, in their language, money formatted.</summary>
public sealed class BonusSheetTests
{
    private static readonly KpiPeriod March = KpiPeriod.Month(2026, 3);

    private static IReadOnlyList<PersonResult> Results()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), SchemeTests.Draft(), "director", new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero)).Scheme!.Current;
        var anna = PeriodCalculator.Calculate(scheme, March, "anna", "Анна Смирнова", 100_000m,
            [SchemeTests.Fact(3, FactKinds.DealWon, 1, amount: 600_000m, days: 30), SchemeTests.Fact(4, FactKinds.CallMade, 200)]);
        var boris = PeriodCalculator.Calculate(scheme, March, "boris", "Борис Петров", 90_000.50m, []);
        return [boris, anna];
    }

    [Fact]
    public void The_sheet_has_a_russian_header_one_row_per_person_sorted_by_name_and_a_total()
    {
        var sheet = new SheetReader(BonusSheet.Write(March, Results(), "ru"));

        Assert.Equal("Премии 2026-03", sheet.Name);
        Assert.Equal(
            ["Сотрудник", "Сумма выигранных сделок: факт", "Сумма выигранных сделок: план", "Сумма выигранных сделок: выполнение",
             "Звонки: факт", "Звонки: план", "Звонки: выполнение",
             "Средний цикл сделки, дней: факт", "Средний цикл сделки, дней: план", "Средний цикл сделки, дней: выполнение",
             "Общее выполнение", "Оклад", "Премия", "Примечание"],
            Enumerable.Range(1, 14).Select(column => sheet.Text(1, column)));

        Assert.Equal("Анна Смирнова", sheet.Text(2, 1));
        Assert.Equal(600_000m, sheet.Number(2, 2));
        Assert.Equal(1_000_000m, sheet.Number(2, 3));
        Assert.Equal(0.6m, sheet.Number(2, 4));           // 60 % as a fraction
        Assert.Equal(200m, sheet.Number(2, 5));
        Assert.Equal(0.76m, sheet.Number(2, 11));
        Assert.Equal(100_000m, sheet.Number(2, 12));
        Assert.Equal(7_600m, sheet.Number(2, 13));

        Assert.Equal("Борис Петров", sheet.Text(3, 1));
        Assert.True(sheet.IsEmpty(3, 8));                            // no won deals: the cycle has no value
        Assert.Equal(0m, sheet.Number(3, 13));

        Assert.Equal("Итого", sheet.Text(4, 1));
        Assert.Equal(190_000.50m, sheet.Number(4, 12));
        Assert.Equal(7_600m, sheet.Number(4, 13));
    }

    [Fact]
    public void Money_is_formatted_with_two_decimals_and_the_rouble_and_achievements_as_percentages()
    {
        var sheet = new SheetReader(BonusSheet.Write(March, Results(), "ru"));

        Assert.Equal("#,##0.00 \"₽\"", sheet.Format(2, 13));
        Assert.Equal("#,##0.00 \"₽\"", sheet.Format(2, 2));
        Assert.Equal("0.00%", sheet.Format(2, 4));
        Assert.Equal("0", sheet.Format(2, 5));
        Assert.Equal("0.00", sheet.Format(2, 8));                           // days
    }

    [Fact]
    public void In_english_the_headers_are_english_and_a_stopped_formula_is_explained_in_the_note()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), SchemeTests.Draft("base_salary / fact_calls_made"), "director", new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero)).Scheme!.Current;
        var result = PeriodCalculator.Calculate(scheme, March, "anna", "Anna Smirnova", 100_000m, []);

        var sheet = new SheetReader(BonusSheet.Write(March, [result], "en", currency: "EUR"));

        Assert.Equal(("Bonuses 2026-03", "Person", "Calls made: fact", "Bonus"), (sheet.Name, sheet.Text(1, 1), sheet.Text(1, 5), sheet.Text(1, 13)));
        Assert.True(sheet.IsEmpty(2, 13));
        Assert.Equal("Division by zero (line 1, column 13)", sheet.Text(2, 14));
        Assert.Equal("#,##0.00 \"EUR\"", sheet.Format(2, 12));
    }

    [Fact]
    public void The_header_stays_on_screen_bold_and_wrapped_the_total_is_bold_and_the_columns_have_fixed_widths()
    {
        var sheet = new SheetReader(BonusSheet.Write(March, Results(), "ru"));

        Assert.Equal([32d, .. Enumerable.Repeat(16d, 12), 48d], sheet.Widths);
        Assert.Equal(1d, sheet.FrozenRows);
        Assert.Equal((true, true), (sheet.Bold(1, 1), sheet.Wrapped(1, 14)));
        Assert.Equal((true, true, false), (sheet.Bold(4, 1), sheet.Bold(4, 13), sheet.Bold(2, 13)));
    }

    [Theory]
    [InlineData(1, "A7"), InlineData(26, "Z7"), InlineData(27, "AA7"), InlineData(52, "AZ7"), InlineData(53, "BA7")]
    public void A_sheet_with_every_measure_goes_past_column_Z_with_two_letter_references(int column, string reference) =>
        Assert.Equal(reference, XlsxWriter.Reference(column, 7));

    /// <summary>The first sheet of a workbook, read with DocumentFormat.OpenXml: cells by row and column (1-based), their number formats.</summary>
    private sealed class SheetReader
    {
        private readonly Dictionary<string, Cell> _cells;
        private readonly Stylesheet? _styles;

        public SheetReader(byte[] xlsx)
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
            var workbook = document.WorkbookPart!;
            var entry = workbook.Workbook.Sheets!.Elements<Sheet>().First();
            Name = entry.Name!.Value!;
            var worksheet = ((WorksheetPart)workbook.GetPartById(entry.Id!.Value!)).Worksheet;
            _cells = worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
            _styles = workbook.WorkbookStylesPart?.Stylesheet;
            Widths = worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
            FrozenRows = worksheet.Descendants<Pane>().SingleOrDefault(p => p.State?.Value == PaneStateValues.Frozen)?.VerticalSplit?.Value ?? 0;
        }

        public IReadOnlyList<double> Widths { get; }

        public double FrozenRows { get; }

        public bool Bold(int row, int column) => FormatOf(row, column) is { FontId.Value: var font } && _styles!.Fonts!.Elements<Font>().ElementAt((int)font).Bold is not null;

        public bool Wrapped(int row, int column) => FormatOf(row, column)?.Alignment?.WrapText?.Value == true;

        private CellFormat? FormatOf(int row, int column) =>
            Find(row, column)?.StyleIndex?.Value is { } index ? _styles?.CellFormats?.Elements<CellFormat>().ElementAt((int)index) : null;

        public string Name { get; }

        public string Text(int row, int column) => Find(row, column) is { DataType.Value: var type } cell && type == CellValues.InlineString ? cell.InlineString!.InnerText : "";

        public decimal Number(int row, int column) => decimal.Parse(Find(row, column)!.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);

        public bool IsEmpty(int row, int column) => Find(row, column) is not { } cell || (cell.CellValue is null && cell.InlineString is null);

        public string? Format(int row, int column)
        {
            var style = (int)(Find(row, column)?.StyleIndex?.Value ?? 0);
            var formatId = _styles?.CellFormats?.Elements<CellFormat>().ElementAt(style).NumberFormatId?.Value;
            return _styles?.NumberingFormats?.Elements<NumberingFormat>().SingleOrDefault(f => f.NumberFormatId?.Value == formatId)?.FormatCode?.Value;
        }

        private Cell? Find(int row, int column) => _cells.GetValueOrDefault(Reference(column) + row.ToString(CultureInfo.InvariantCulture));

        private static string Reference(int column) => column <= 26 ? ((char)('A' + column - 1)).ToString() : Reference((column - 1) / 26) + (char)('A' + (column - 1) % 26);
    }
}
