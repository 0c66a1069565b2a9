using System.Globalization;
using CrmSuite.Scheduling.Api.Processes.Model;

namespace CrmSuite.Scheduling.UnitTests.Processes;

/// <summary>
/// ISO 8601 timers as a person means them: P1D is the same wall-clock time tomorrow even across
/// a daylight-saving change, PT24H is 24 hours, Jan 31 + P1M is the end of February, and a
/// monthly cycle stays on its day and hour.
/// </summary>
public sealed class TimerTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void A_full_duration_reads_every_part()
    {
        Assert.Equal(new IsoDuration(1, 2, 0, 3, 4, 5, 6), IsoDuration.Parse("P1Y2M3DT4H5M6S"));
        Assert.Equal(new IsoDuration(0, 0, 2, 0, 0, 0, 0), IsoDuration.Parse("P2W"));
        Assert.Equal(new IsoDuration(0, 0, 0, 0, 0, 0, 1.5m), IsoDuration.Parse("PT1,5S"));
        Assert.Equal("P1Y2M3DT4H5M6S", IsoDuration.Parse("P1Y2M3DT4H5M6S").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("1H")]
    [InlineData("PT-1H")]
    [InlineData("P1H")]
    [InlineData("pt1h")]
    [InlineData("P1000Y")]
    [InlineData("PT99999999999H")]
    public void Text_that_is_not_a_duration_or_is_over_100_years_is_refused(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
        Assert.Throws<FormatException>(() => IsoDuration.Parse(text));
    }

    [Fact]
    public void A_day_across_the_spring_change_in_Berlin_is_the_same_time_tomorrow_and_24_hours_are_an_hour_later()
    {
        // Summer time starts on Sunday 29 March 2026 at 02:00 (clocks go to 03:00).
        var saturday = At("2026-03-28T09:00:00+01:00");

        Assert.Equal(At("2026-03-29T09:00:00+02:00"), IsoDuration.Parse("P1D").AddTo(saturday, Berlin));
        Assert.Equal(TimeSpan.FromHours(23), IsoDuration.Parse("P1D").AddTo(saturday, Berlin) - saturday);
        Assert.Equal(At("2026-03-29T10:00:00+02:00"), IsoDuration.Parse("PT24H").AddTo(saturday, Berlin));
    }

    [Fact]
    public void A_day_across_the_autumn_change_in_Berlin_is_25_hours()
    {
        // Summer time ends on Sunday 25 October 2026 at 03:00 (clocks go back to 02:00).
        var saturday = At("2026-10-24T09:00:00+02:00");

        Assert.Equal(At("2026-10-25T09:00:00+01:00"), IsoDuration.Parse("P1D").AddTo(saturday, Berlin));
        Assert.Equal(TimeSpan.FromHours(25), IsoDuration.Parse("P1D").AddTo(saturday, Berlin) - saturday);
    }

    [Fact]
    public void A_wall_clock_time_the_spring_change_skips_moves_forward_by_the_gap_and_a_repeated_one_keeps_its_first_offset()
    {
        Assert.Equal(At("2026-03-29T03:30:00+02:00"), IsoDuration.Parse("P1D").AddTo(At("2026-03-28T02:30:00+01:00"), Berlin));
        Assert.Equal(At("2026-10-25T02:30:00+02:00"), IsoDuration.Parse("P1D").AddTo(At("2026-10-24T02:30:00+02:00"), Berlin));
    }

    [Fact]
    public void January_31_plus_a_month_is_the_last_day_of_February_in_common_and_leap_years()
    {
        var moscow = IsoDuration.FixedZone(TimeSpan.FromHours(3));

        Assert.Equal(At("2027-02-28T09:00:00+03:00"), IsoDuration.Parse("P1M").AddTo(At("2027-01-31T09:00:00+03:00"), moscow));
        Assert.Equal(At("2028-02-29T09:00:00+03:00"), IsoDuration.Parse("P1M").AddTo(At("2028-01-31T09:00:00+03:00"), moscow));
        Assert.Equal(At("2028-02-29T09:00:00+03:00"), IsoDuration.Parse("P1Y1M").AddTo(At("2027-01-31T09:00:00+03:00"), moscow));
    }

    [Fact]
    public void A_monthly_cycle_from_January_31_runs_on_each_month_s_last_day_not_drifting_to_the_28th()
    {
        var cycle = IsoCycle.Parse("R/2027-01-31T09:00:00+03:00/P1M");

        var runs = new List<DateTimeOffset>();
        DateTimeOffset? next = cycle.Start.AddTicks(-1);
        for (var i = 0; i < 4; i++)
            runs.Add((next = cycle.NextAfter(next!.Value))!.Value);

        Assert.Equal([At("2027-01-31T09:00:00+03:00"), At("2027-02-28T09:00:00+03:00"), At("2027-03-31T09:00:00+03:00"), At("2027-04-30T09:00:00+03:00")], runs);
    }

    [Fact]
    public void The_next_run_of_a_cycle_is_strictly_after_the_given_moment_and_none_once_its_repetitions_are_used()
    {
        var monthly = IsoCycle.Parse("R/2027-01-01T09:00:00+03:00/P1M");
        var threeTimes = IsoCycle.Parse("R3/2027-01-01T09:00:00+03:00/P1D");

        Assert.Equal(At("2027-01-01T09:00:00+03:00"), monthly.NextAfter(At("2026-12-01T00:00:00Z")));
        Assert.Equal(At("2027-02-01T09:00:00+03:00"), monthly.NextAfter(At("2027-01-15T12:00:00+03:00")));
        Assert.Equal(At("2027-03-01T09:00:00+03:00"), monthly.NextAfter(At("2027-02-01T09:00:00+03:00")));
        Assert.Equal(At("2031-06-01T09:00:00+03:00"), monthly.NextAfter(At("2031-05-20T00:00:00+03:00")));
        Assert.Equal(At("2027-01-03T09:00:00+03:00"), threeTimes.NextAfter(At("2027-01-02T09:00:00+03:00")));
        Assert.Null(threeTimes.NextAfter(At("2027-01-03T09:00:00+03:00")));
    }

    [Fact]
    public void A_monthly_09_00_cycle_counted_in_Berlin_stays_at_09_00_in_summer()
    {
        var cycle = IsoCycle.Parse("R/2027-01-01T09:00:00+01:00/P1M");

        Assert.Equal(At("2027-07-01T09:00:00+02:00"), cycle.NextAfter(At("2027-06-10T00:00:00Z"), Berlin));
        // Without a zone the start's own offset is the calendar: 09:00 at +01:00 is 10:00 in Berlin's summer.
        Assert.Equal(At("2027-07-01T09:00:00+01:00"), cycle.NextAfter(At("2027-06-10T00:00:00Z")));
    }

    [Theory]
    [InlineData("R/P1D")]
    [InlineData("R0/2027-01-01T09:00:00+03:00/P1D")]
    [InlineData("R/2027-01-01T09:00:00/P1D")]
    [InlineData("R/2027-01-01T09:00:00+03:00/PT0S")]
    [InlineData("0 0 9 1 * ?")]
    [InlineData("R/2027-01-01T09:00:00+03:00/2027-02-01T09:00:00+03:00")]
    public void A_cycle_without_a_start_with_a_local_start_with_no_period_or_in_cron_is_refused(string text) =>
        Assert.False(IsoCycle.TryParse(text, out _));

    [Fact]
    public void Timer_specs_say_when_they_are_due()
    {
        var wait = new TimerSpec { Duration = "P3D" };
        var once = new TimerSpec { Date = At("2027-03-01T10:00:00+03:00") };
        var monthly = new TimerSpec { Cycle = "R/2027-01-01T09:00:00+03:00/P1M" };

        Assert.Equal(At("2026-03-31T09:00:00+02:00"), wait.DueAfterStart(At("2026-03-28T09:00:00+01:00"), Berlin));
        Assert.Equal(once.Date, once.NextAfter(At("2027-01-01T00:00:00Z")));
        Assert.Null(once.NextAfter(At("2027-03-01T10:00:00+03:00")));
        Assert.Equal(At("2027-02-01T09:00:00+03:00"), monthly.NextAfter(At("2027-01-01T09:00:00+03:00")));
        Assert.Throws<InvalidOperationException>(() => wait.NextAfter(At("2027-01-01T00:00:00Z")));
    }
}
