using CrmSuite.BuildingBlocks.Russian;

namespace CrmSuite.Clients.UnitTests;

/// <summary>The one dated VAT table the documents and the warehouse print from (BuildingBlocks/Russian/VatRates.cs).</summary>
public sealed class VatRatesTests
{
    [Theory]
    [InlineData(2025, 12, 31, 20)]
    [InlineData(2026, 1, 1, 22)]
    [InlineData(2019, 1, 1, 20)]
    [InlineData(2018, 12, 31, 18)]
    public void The_standard_rate_is_chosen_by_the_date(int year, int month, int day, int percent) =>
        Assert.Equal(percent, VatRates.On(VatKind.Standard, new DateOnly(year, month, day)).Percent);

    [Fact]
    public void Every_kind_has_a_percentage_and_labels_in_Russian_and_English_in_2026()
    {
        var date = new DateOnly(2026, 12, 6);
        var rates = VatRates.Kinds.Select(k => VatRates.On(k, date)).ToList();

        Assert.Equal(["standard", "reduced", "zero", "usn5", "usn7", "none"], rates.Select(r => r.Code));
        Assert.Equal([22m, 10m, 0m, 5m, 7m, null], rates.Select(r => r.Percent));
        Assert.Equal(["22 %", "10 %", "0 %", "5 %", "7 %", "Без НДС"], rates.Select(r => r.Label("ru")));
        Assert.Equal(["VAT 22%", "VAT 10%", "VAT 0%", "VAT 5%", "VAT 7%", "No VAT"], rates.Select(r => r.LongLabel("en")));
        Assert.Equal("НДС 22 %", rates[0].LongLabel("ru"));
    }

    [Fact]
    public void The_simplified_system_rates_do_not_exist_before_2025()
    {
        Assert.Null(VatRates.Find(VatKind.Usn5, new DateOnly(2024, 12, 31)));
        Assert.Equal(5m, VatRates.Find(VatKind.Usn5, new DateOnly(2025, 1, 1))!.Percent);
        Assert.Throws<ArgumentOutOfRangeException>(() => VatRates.On(VatKind.Usn7, new DateOnly(2024, 6, 1)));
    }

    [Fact]
    public void No_kind_has_two_rates_on_one_day()
    {
        foreach (var kind in VatRates.Kinds)
        {
            var periods = VatRates.Periods.Where(p => p.Kind == kind).OrderBy(p => p.From).ToList();
            Assert.All(periods.Zip(periods.Skip(1)), pair => Assert.Equal(pair.First.To!.Value.AddDays(1), pair.Second.From));
            Assert.Null(periods[^1].To);
        }
    }

    [Theory]
    [InlineData("standard", VatKind.Standard)]
    [InlineData("USN5", VatKind.Usn5)]
    [InlineData("20", VatKind.Standard)]
    [InlineData("22 %", VatKind.Standard)]
    [InlineData("18.00", VatKind.Standard)]
    [InlineData("10", VatKind.Reduced)]
    [InlineData("0", VatKind.Zero)]
    [InlineData("7", VatKind.Usn7)]
    [InlineData("без НДС", VatKind.None)]
    [InlineData("none", VatKind.None)]
    public void What_people_and_older_callers_send_reads_as_a_kind(string text, VatKind kind)
    {
        Assert.True(VatRates.TryParse(text, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("120")]
    [InlineData("")]
    [InlineData("vat")]
    public void A_number_no_kind_ever_had_is_not_a_kind(string text) =>
        Assert.False(VatRates.TryParse(text, out _));

    [Fact]
    public void The_day_changes_at_midnight_in_Moscow()
    {
        var clock = new FixedClock(new DateTimeOffset(2025, 12, 31, 21, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 1, 1), VatRates.TodayInMoscow(clock));
        Assert.Equal(22m, VatRates.On(VatKind.Standard, VatRates.TodayInMoscow(clock)).Percent);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
