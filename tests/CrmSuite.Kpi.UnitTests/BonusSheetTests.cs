using ClosedXML.Excel;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Schemes;

namespace CrmSuite.Kpi.UnitTests;

/// <summary>The bonus sheet an accountant downloads: read back with ClosedXML, it holds each person's figures, in their language, money formatted.</summary>
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
        using var book = new XLWorkbook(new MemoryStream(BonusSheet.Write(March, Results(), "ru")));
        var sheet = book.Worksheet(1);

        Assert.Equal("Премии 2026-03", sheet.Name);
        Assert.Equal(
            ["Сотрудник", "Сумма выигранных сделок: факт", "Сумма выигранных сделок: план", "Сумма выигранных сделок: выполнение",
             "Звонки: факт", "Звонки: план", "Звонки: выполнение",
             "Средний цикл сделки, дней: факт", "Средний цикл сделки, дней: план", "Средний цикл сделки, дней: выполнение",
             "Общее выполнение", "Оклад", "Премия", "Примечание"],
            sheet.Row(1).Cells(1, 14).Select(c => c.GetString()));

        Assert.Equal("Анна Смирнова", sheet.Cell(2, 1).GetString());
        Assert.Equal(600_000m, sheet.Cell(2, 2).GetValue<decimal>());
        Assert.Equal(1_000_000m, sheet.Cell(2, 3).GetValue<decimal>());
        Assert.Equal(0.6m, sheet.Cell(2, 4).GetValue<decimal>());           // 60 % as a fraction
        Assert.Equal(200m, sheet.Cell(2, 5).GetValue<decimal>());
        Assert.Equal(0.76m, sheet.Cell(2, 11).GetValue<decimal>());
        Assert.Equal(100_000m, sheet.Cell(2, 12).GetValue<decimal>());
        Assert.Equal(7_600m, sheet.Cell(2, 13).GetValue<decimal>());

        Assert.Equal("Борис Петров", sheet.Cell(3, 1).GetString());
        Assert.True(sheet.Cell(3, 8).IsEmpty());                            // no won deals: the cycle has no value
        Assert.Equal(0m, sheet.Cell(3, 13).GetValue<decimal>());

        Assert.Equal("Итого", sheet.Cell(4, 1).GetString());
        Assert.Equal(190_000.50m, sheet.Cell(4, 12).GetValue<decimal>());
        Assert.Equal(7_600m, sheet.Cell(4, 13).GetValue<decimal>());
    }

    [Fact]
    public void Money_is_formatted_with_two_decimals_and_the_rouble_and_achievements_as_percentages()
    {
        using var book = new XLWorkbook(new MemoryStream(BonusSheet.Write(March, Results(), "ru")));
        var sheet = book.Worksheet(1);

        Assert.Equal("#,##0.00 \"₽\"", sheet.Cell(2, 13).Style.NumberFormat.Format);
        Assert.Equal("#,##0.00 \"₽\"", sheet.Cell(2, 2).Style.NumberFormat.Format);
        Assert.Equal("0.00%", sheet.Cell(2, 4).Style.NumberFormat.Format);
        Assert.Equal("0", sheet.Cell(2, 5).Style.NumberFormat.Format);
    }

    [Fact]
    public void In_english_the_headers_are_english_and_a_stopped_formula_is_explained_in_the_note()
    {
        var scheme = KpiScheme.Create(Guid.NewGuid(), SchemeTests.Draft("base_salary / fact_calls_made"), "director", new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero)).Scheme!.Current;
        var result = PeriodCalculator.Calculate(scheme, March, "anna", "Anna Smirnova", 100_000m, []);

        using var book = new XLWorkbook(new MemoryStream(BonusSheet.Write(March, [result], "en", currency: "EUR")));
        var sheet = book.Worksheet(1);

        Assert.Equal(("Bonuses 2026-03", "Person", "Calls made: fact", "Bonus"), (sheet.Name, sheet.Cell(1, 1).GetString(), sheet.Cell(1, 5).GetString(), sheet.Cell(1, 13).GetString()));
        Assert.True(sheet.Cell(2, 13).IsEmpty());
        Assert.Equal("Division by zero (line 1, column 13)", sheet.Cell(2, 14).GetString());
        Assert.Equal("#,##0.00 \"EUR\"", sheet.Cell(2, 12).Style.NumberFormat.Format);
    }
}
