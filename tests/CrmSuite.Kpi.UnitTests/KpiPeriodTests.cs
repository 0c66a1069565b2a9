using CrmSuite.Kpi.Api.Schemes;

namespace CrmSuite.Kpi.UnitTests;

/// <summary>Months and quarters are the company's calendar: their bounds in UTC move with its time zone and its clock changes.</summary>
public sealed class KpiPeriodTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void A_month_and_a_quarter_have_their_days_and_codes()
    {
        Assert.Equal((new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29), "2028-02"), (KpiPeriod.Month(2028, 2).FirstDay, KpiPeriod.Month(2028, 2).LastDay, KpiPeriod.Month(2028, 2).Code));
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30), "2026-Q2"), (KpiPeriod.Quarter(2026, 2).FirstDay, KpiPeriod.Quarter(2026, 2).LastDay, KpiPeriod.Quarter(2026, 2).Code));
        Assert.Equal(KpiPeriod.Quarter(2027, 1), KpiPeriod.Quarter(2026, 4).Next);
        Assert.Equal(KpiPeriod.Month(2027, 1), KpiPeriod.Month(2026, 12).Next);
        Assert.Equal(KpiPeriod.Quarter(2026, 3), KpiPeriod.Containing(new DateOnly(2026, 9, 30), PeriodKind.Quarter));
    }

    [Fact]
    public void Codes_read_back_and_nonsense_does_not()
    {
        Assert.True(KpiPeriod.TryParse("2026-Q3", out var quarter));
        Assert.Equal(KpiPeriod.Quarter(2026, 3), quarter);
        Assert.True(KpiPeriod.TryParse("2026-11", out var month));
        Assert.Equal(KpiPeriod.Month(2026, 11), month);
        Assert.All(["2026-13", "2026-Q5", "2026/03", "26-03", "", null], code => Assert.False(KpiPeriod.TryParse(code, out _)));
    }

    [Fact]
    public void In_Moscow_March_starts_at_21_00_UTC_on_the_last_day_of_February()
    {
        var (start, end) = KpiPeriod.Month(2026, 3).UtcBounds(Moscow);

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 21, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 21, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void In_Berlin_the_second_quarter_starts_on_summer_time_and_the_first_on_winter_time()
    {
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), KpiPeriod.Quarter(2026, 1).UtcBounds(Berlin).Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), KpiPeriod.Quarter(2026, 1).UtcBounds(Berlin).End);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), KpiPeriod.Quarter(2026, 2).UtcBounds(Berlin).Start);
    }

    [Fact]
    public void Where_the_clock_skips_or_repeats_midnight_the_period_starts_at_the_first_instant_of_its_first_day()
    {
        // A zone at UTC+2 that moves to +3 at 00:00 on April 1 (00:00–00:59 never happens that day)
        // and back at 01:00 on October 1 (00:00–00:59 happens twice).
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2020, 1, 1), new DateTime(2030, 12, 31), TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 4, 1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 1, 0, 0), 10, 1));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/MidnightSwitch", TimeSpan.FromHours(2), "Test", "Test", "Test summer", [rule]);

        var (start, _) = KpiPeriod.Month(2026, 4).UtcBounds(zone);

        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), start);   // 01:00 local at +3
        Assert.Equal(start, KpiPeriod.Month(2026, 3).UtcBounds(zone).End);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 21, 0, 0, TimeSpan.Zero), KpiPeriod.Quarter(2026, 4).UtcBounds(zone).Start);  // the first 00:00, at +3
    }

    [Fact]
    public void An_instant_falls_in_the_period_of_the_company_s_clock_not_of_UTC()
    {
        var lateOnMarch31Utc = new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero);   // 01:30 on April 1 in Moscow

        Assert.Equal(KpiPeriod.Month(2026, 4), KpiPeriod.Containing(lateOnMarch31Utc, PeriodKind.Month, Moscow));
        Assert.Equal(KpiPeriod.Quarter(2026, 2), KpiPeriod.Containing(lateOnMarch31Utc, PeriodKind.Quarter, Moscow));
        Assert.Equal(KpiPeriod.Quarter(2026, 1), KpiPeriod.Containing(lateOnMarch31Utc, PeriodKind.Quarter, TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_period_filters_its_days_of_the_projection()
    {
        var filter = KpiPeriod.Quarter(2026, 1).Filter(userId: "anna");

        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), "anna"), (filter.From, filter.To, filter.UserId));
    }
}
