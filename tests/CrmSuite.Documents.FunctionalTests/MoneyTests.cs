using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Documents.Api.Money;
using CrmSuite.Documents.Api.Rendering;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>What an invoice prints about money: rates by the document's date, lines and totals to the kopeck, labels.</summary>
public sealed class MoneyTests
{
    private static readonly DateOnly LastDayOf2025 = new(2025, 12, 31);
    private static readonly DateOnly FirstDayOf2026 = new(2026, 1, 1);

    private static MoneyLine Line(decimal quantity, decimal price, VatKind vat = VatKind.Standard, string name = "Стол") =>
        new(name, "шт", quantity, price, vat);

    [Fact]
    public void The_same_product_is_charged_20_percent_on_31_December_2025_and_22_percent_from_1_January_2026()
    {
        var before = DocumentMoney.Calculate([Line(1, 1000m)], LastDayOf2025, pricesIncludeVat: false);
        var after = DocumentMoney.Calculate([Line(1, 1000m)], FirstDayOf2026, pricesIncludeVat: false);

        Assert.Equal((20m, "20 %", 200m, 1200m, "НДС 20 %"), (before.Lines[0].VatRate, before.Lines[0].VatLabel, before.Totals.Vat, before.Totals.Total, before.Totals.VatLabel));
        Assert.Equal((22m, "22 %", 220m, 1220m, "НДС 22 %"), (after.Lines[0].VatRate, after.Lines[0].VatLabel, after.Totals.Vat, after.Totals.Total, after.Totals.VatLabel));
    }

    [Fact]
    public void Prices_that_include_VAT_show_the_VAT_inside_and_the_totals_are_the_sums_of_the_rounded_lines()
    {
        // 3 × 33.33 with 22 % inside: each line's VAT is 33.33 × 22 / 122 = 6.0103… → 6.01.
        var money = DocumentMoney.Calculate([Line(1, 33.33m), Line(1, 33.33m), Line(1, 33.33m)], FirstDayOf2026, pricesIncludeVat: true);

        Assert.All(money.Lines, l => Assert.Equal((33.33m, 6.01m, 33.33m), (l.Amount, l.VatAmount, l.Total)));
        Assert.Equal((81.96m, 18.03m, 99.99m, "В т.ч. НДС 22 %"), (money.Totals.Net, money.Totals.Vat, money.Totals.Total, money.Totals.VatLabel));
        Assert.Equal([1, 2, 3], money.Lines.Select(l => l.Position));
        Assert.Equal("Девяносто девять рублей 99 копеек", money.Totals.InWords);
    }

    [Fact]
    public void VAT_on_top_is_rounded_per_line_and_the_totals_add_up_to_what_the_lines_print()
    {
        // 33.33 × 20 % = 6.666 → 6.67 on each line: three lines make 20.01, one line of 3 × 33.33 makes 20.00.
        var threeLines = DocumentMoney.Calculate([Line(1, 33.33m), Line(1, 33.33m), Line(1, 33.33m)], LastDayOf2025, pricesIncludeVat: false);
        var oneLine = DocumentMoney.Calculate([Line(3, 33.33m)], LastDayOf2025, pricesIncludeVat: false);
        var weighed = DocumentMoney.Calculate([Line(0.333m, 99.99m, VatKind.Reduced, "Сыр, кг")], FirstDayOf2026, pricesIncludeVat: false);

        Assert.Equal((99.99m, 20.01m, 120.00m), (threeLines.Totals.Net, threeLines.Totals.Vat, threeLines.Totals.Total));
        Assert.Equal(threeLines.Lines.Sum(l => l.Total), threeLines.Totals.Total);
        Assert.Equal((99.99m, 20.00m, 119.99m), (oneLine.Totals.Net, oneLine.Totals.Vat, oneLine.Totals.Total));
        // 0.333 × 99.99 = 33.29667 → 33.30; 10 % of it is 3.33.
        Assert.Equal((33.30m, "10 %", 3.33m, 36.63m), (weighed.Lines[0].Amount, weighed.Lines[0].VatLabel, weighed.Lines[0].VatAmount, weighed.Lines[0].Total));
    }

    [Fact]
    public void Lines_without_VAT_say_so_and_mixed_rates_leave_the_percentage_out_of_the_totals_label()
    {
        var none = DocumentMoney.Calculate([Line(2, 500m, VatKind.None)], FirstDayOf2026, pricesIncludeVat: false);
        var mixed = DocumentMoney.Calculate([Line(1, 122m), Line(1, 110m, VatKind.Reduced), Line(1, 50m, VatKind.None)], FirstDayOf2026, pricesIncludeVat: true);
        var english = DocumentMoney.Calculate([Line(1, 100m, VatKind.Usn5), Line(1, 100m, VatKind.None)], FirstDayOf2026, pricesIncludeVat: false, language: "en");

        Assert.Equal(("Без НДС", null, 0m, 1000m, "Без НДС"), (none.Lines[0].VatLabel, none.Lines[0].VatRate, none.Totals.Vat, none.Totals.Total, none.Totals.VatLabel));
        Assert.Equal((32m, 282m, "В т.ч. НДС"), (mixed.Totals.Vat, mixed.Totals.Total, mixed.Totals.VatLabel));
        Assert.Equal(["5%", "No VAT"], english.Lines.Select(l => l.VatLabel));
        Assert.Equal((5m, "VAT 5%", "Two hundred and five roubles 00 kopecks"), (english.Totals.Vat, english.Totals.VatLabel, english.Totals.InWords));
    }

    [Fact]
    public void A_negative_quantity_or_a_rate_the_date_does_not_have_is_refused_naming_the_line()
    {
        var error = Assert.Throws<ValidationFailedException>(() => DocumentMoney.Calculate(
            [Line(1, 10m), Line(-1, 10m), Line(1, 10m, VatKind.Usn5)], new DateOnly(2024, 6, 1), pricesIncludeVat: false));

        Assert.Equal(["lines[1].quantity", "lines[2].vat"], error.Errors.Select(e => e.Field));
        Assert.Contains("01.06.2024", error.Errors[1].Message);
    }

    [Theory]
    [InlineData("0", "Ноль рублей 00 копеек")]
    [InlineData("1", "Один рубль 00 копеек")]
    [InlineData("2", "Два рубля 00 копеек")]
    [InlineData("5", "Пять рублей 00 копеек")]
    [InlineData("11", "Одиннадцать рублей 00 копеек")]
    [InlineData("21", "Двадцать один рубль 00 копеек")]
    [InlineData("101", "Сто один рубль 00 копеек")]
    [InlineData("112.12", "Сто двенадцать рублей 12 копеек")]
    [InlineData("1000000.01", "Один миллион рублей 01 копейка")]
    [InlineData("122000", "Сто двадцать две тысячи рублей 00 копеек")]
    [InlineData("12345.67", "Двенадцать тысяч триста сорок пять рублей 67 копеек")]
    [InlineData("1001.02", "Одна тысяча один рубль 02 копейки")]
    [InlineData("2000.05", "Две тысячи рублей 05 копеек")]
    [InlineData("14011.21", "Четырнадцать тысяч одиннадцать рублей 21 копейка")]
    [InlineData("2000000000.14", "Два миллиарда рублей 14 копеек")]
    public void Amounts_in_Russian_words_take_the_right_forms_of_рубль_and_копейка(string amount, string words) =>
        Assert.Equal(words, AmountInWords.Russian(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0", "Zero roubles 00 kopecks")]
    [InlineData("1.01", "One rouble 01 kopeck")]
    [InlineData("21", "Twenty-one roubles 00 kopecks")]
    [InlineData("101", "One hundred and one roubles 00 kopecks")]
    [InlineData("1001", "One thousand and one roubles 00 kopecks")]
    [InlineData("122000", "One hundred and twenty-two thousand roubles 00 kopecks")]
    [InlineData("1000000.01", "One million roubles 01 kopeck")]
    public void Amounts_in_English_words_read_like_an_English_invoice(string amount, string words) =>
        Assert.Equal(words, AmountInWords.English(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Other_currencies_are_named_in_words_and_a_negative_amount_has_no_words()
    {
        Assert.Equal("Два доллара 50 центов", AmountInWords.Russian(2.5m, "USD"));
        Assert.Equal("Five euros 01 cent", AmountInWords.English(5.01m, "EUR"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AmountInWords.Russian(-1m));
    }

    [Fact]
    public void Amounts_print_with_a_space_between_thousands_and_a_decimal_comma()
    {
        Assert.Equal(("2 200,00", "1 000 000,01", "0,50"), (MoneyFormat.Russian(2200m), MoneyFormat.Russian(1_000_000.01m), MoneyFormat.Russian(0.5m)));
        Assert.Equal("2,200.00", MoneyFormat.English(2200m));
    }

    internal static PartyModel Romashka(string? kpp = "773601001") => new(
        "ООО «Ромашка»", "7707083893", kpp, "1027700132195", "117312, г. Москва, ул. Вавилова, д. 19", "ПАО Сбербанк", "044525225",
        "30101810400000000225", "40702810138250123017", "Иванов И. И.", "Петрова А. А.", null, null, null, null, null);
}
