using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Scheduling.Api.Recurrence;

namespace CrmSuite.Scheduling.UnitTests;

/// <summary>
/// Golden expansions of RFC 5545 rules as the calendar stores them (RRULE + local start + IANA
/// zone): the wall-clock time stays put across daylight-saving changes and only the UTC instant
/// moves; 29 February, the last working day (BYSETPOS=-1) and EXDATE behave as the RFC says.
/// </summary>
public sealed class RecurrenceGoldenTests
{
    private static DateTime Local(string text) => DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string[] Expand(string start, string end, string zone, string rule, string from, string to, params string[] exceptions) =>
        [.. Series.Expand(Local(start), Local(end), zone, rule, exceptions.Select(Local), Utc(from), Utc(to))
            .Select(o => $"{o.StartLocal:yyyy-MM-dd'T'HH:mm} {o.StartsAt.UtcDateTime:HH:mm'Z'}-{o.EndsAt.UtcDateTime:HH:mm'Z'}")];

    [Fact]
    public void A_weekly_09_00_meeting_in_Berlin_stays_at_09_00_local_across_both_DST_changes()
    {
        var spring = Expand("2026-03-16T09:00", "2026-03-16T10:00", "Europe/Berlin", "FREQ=WEEKLY;BYDAY=MO", "2026-03-16T00:00Z", "2026-04-07T00:00Z");
        var autumn = Expand("2026-03-16T09:00", "2026-03-16T10:00", "Europe/Berlin", "FREQ=WEEKLY;BYDAY=MO", "2026-10-19T00:00Z", "2026-11-03T00:00Z");

        // Summer time starts on Sunday 29 March 2026 and ends on Sunday 25 October 2026.
        Assert.Equal(["2026-03-16T09:00 08:00Z-09:00Z", "2026-03-23T09:00 08:00Z-09:00Z", "2026-03-30T09:00 07:00Z-08:00Z", "2026-04-06T09:00 07:00Z-08:00Z"], spring);
        Assert.Equal(["2026-10-19T09:00 07:00Z-08:00Z", "2026-10-26T09:00 08:00Z-09:00Z", "2026-11-02T09:00 08:00Z-09:00Z"], autumn);
    }

    [Fact]
    public void A_weekly_09_00_meeting_in_New_York_stays_at_09_00_local_across_both_DST_changes()
    {
        var spring = Expand("2026-02-26T09:00", "2026-02-26T09:30", "America/New_York", "FREQ=WEEKLY;BYDAY=TH", "2026-02-26T00:00Z", "2026-03-20T00:00Z");
        var autumn = Expand("2026-02-26T09:00", "2026-02-26T09:30", "America/New_York", "FREQ=WEEKLY;BYDAY=TH", "2026-10-28T00:00Z", "2026-11-06T00:00Z");

        // Daylight time starts on Sunday 8 March 2026 and ends on Sunday 1 November 2026.
        Assert.Equal(["2026-02-26T09:00 14:00Z-14:30Z", "2026-03-05T09:00 14:00Z-14:30Z", "2026-03-12T09:00 13:00Z-13:30Z", "2026-03-19T09:00 13:00Z-13:30Z"], spring);
        Assert.Equal(["2026-10-29T09:00 13:00Z-13:30Z", "2026-11-05T09:00 14:00Z-14:30Z"], autumn);
    }

    [Fact]
    public void A_yearly_event_on_29_February_occurs_only_in_leap_years()
    {
        var dates = Expand("2024-02-29T10:00", "2024-02-29T11:00", "Europe/Berlin", "FREQ=YEARLY", "2024-01-01T00:00Z", "2033-01-01T00:00Z");

        Assert.Equal(["2024-02-29T10:00 09:00Z-10:00Z", "2028-02-29T10:00 09:00Z-10:00Z", "2032-02-29T10:00 09:00Z-10:00Z"], dates);
    }

    [Fact]
    public void Monthly_on_the_last_working_day_with_BYSETPOS_minus_1_skips_weekends()
    {
        var dates = Expand("2026-01-30T17:00", "2026-01-30T18:00", "Europe/Moscow", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-01T00:00Z", "2026-07-01T00:00Z");

        // 31 January and 28 February 2026 are Saturdays, 30-31 May a weekend.
        Assert.Equal(["2026-01-30", "2026-02-27", "2026-03-31", "2026-04-30", "2026-05-29", "2026-06-30"], dates.Select(d => d[..10]));
    }

    [Fact]
    public void EXDATE_leaves_out_exactly_the_named_occurrences()
    {
        var dates = Expand("2026-01-30T17:00", "2026-01-30T18:00", "America/New_York", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-01T00:00Z", "2026-07-01T00:00Z",
            "2026-03-31T17:00", "2026-05-29T17:00");

        Assert.Equal(["2026-01-30", "2026-02-27", "2026-04-30", "2026-06-30"], dates.Select(d => d[..10]));
    }

    [Fact]
    public void A_rule_without_COUNT_or_UNTIL_is_expanded_only_within_the_window()
    {
        var dates = Expand("2020-01-06T08:00", "2020-01-06T08:15", "Europe/Berlin", "FREQ=DAILY", "2026-06-01T00:00Z", "2026-06-08T00:00Z");

        Assert.Equal(7, dates.Length);
        Assert.Equal("2026-06-01T08:00 06:00Z-06:15Z", dates[0]);
        Assert.Null(Series.SeriesEnd(Local("2020-01-06T08:00"), Local("2020-01-06T08:15"), "Europe/Berlin", Parse("FREQ=DAILY"), []));
    }

    [Fact]
    public void A_long_window_over_a_daily_rule_is_cut_at_the_occurrence_limit()
    {
        var occurrences = Series.Expand(Local("2020-01-01T08:00"), Local("2020-01-01T08:15"), "Europe/Berlin", "FREQ=DAILY;INTERVAL=1", [], Utc("2020-01-01T00:00Z"), Utc("2026-01-01T00:00Z"));

        Assert.Equal(Series.MaxOccurrences, occurrences.Count);
    }

    [Fact]
    public void COUNT_and_UNTIL_end_the_series_and_the_last_occurrence_bounds_it()
    {
        var counted = Expand("2026-03-02T09:00", "2026-03-02T10:00", "Europe/Berlin", "FREQ=WEEKLY;COUNT=3", "2026-03-01T00:00Z", "2026-05-01T00:00Z");
        var until = Expand("2026-03-02T09:00", "2026-03-02T10:00", "Europe/Berlin", "FREQ=DAILY;UNTIL=20260304T235959Z", "2026-03-01T00:00Z", "2026-05-01T00:00Z");
        var end = Series.SeriesEnd(Local("2026-03-02T09:00"), Local("2026-03-02T10:00"), "Europe/Berlin", Parse("FREQ=WEEKLY;COUNT=3"), []);

        Assert.Equal(["2026-03-02", "2026-03-09", "2026-03-16"], counted.Select(d => d[..10]));
        Assert.Equal(["2026-03-02", "2026-03-03", "2026-03-04"], until.Select(d => d[..10]));
        Assert.Equal(Utc("2026-03-16T09:00Z"), end);
    }

    [Fact]
    public void An_occurrence_already_under_way_when_the_window_opens_is_in_it()
    {
        var dates = Expand("2026-03-02T09:00", "2026-03-02T12:00", "Europe/Berlin", "FREQ=DAILY", "2026-03-05T09:00Z", "2026-03-05T12:00Z");

        Assert.Equal(["2026-03-05T09:00 08:00Z-11:00Z"], dates);
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_moves_forward_by_the_gap_as_RFC_5545_says()
    {
        var dates = Expand("2026-03-27T02:30", "2026-03-27T03:00", "Europe/Berlin", "FREQ=DAILY", "2026-03-27T00:00Z", "2026-03-31T00:00Z");

        // 02:30 does not exist on 29 March in Berlin: that occurrence is 03:30-04:00 summer time;
        // the days around it keep 02:30.
        Assert.Equal(["2026-03-28T02:30 01:30Z-02:00Z", "2026-03-29T03:30 01:30Z-02:00Z", "2026-03-30T02:30 00:30Z-01:00Z"], dates[1..4]);
    }

    [Theory]
    [InlineData("every monday")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX")]
    [InlineData("FREQ=DAILY;COUNT=abc")]
    [InlineData("FREQ=DAILY;COUNT=3;UNTIL=20260401T000000Z")]
    [InlineData("FREQ=HOURLY")]
    [InlineData("FREQ=MINUTELY;COUNT=5")]
    [InlineData("FREQ=DAILY;COUNT=0")]
    [InlineData("FREQ=DAILY;COUNT=5000")]
    [InlineData("COUNT=3")]
    // Never matches: 30 February, 31 April; without a limit Ical.Net steps to year 9999 and throws.
    [InlineData("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31")]
    [InlineData("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31")]
    // Runs past year 9999 (and far past the calendar's last year).
    [InlineData("FREQ=YEARLY;INTERVAL=1000;COUNT=9")]
    // Past the calendar's last year, though within DateTime.
    [InlineData("FREQ=YEARLY;INTERVAL=100;COUNT=3")]
    // Ends before it starts: no occurrence at all.
    [InlineData("FREQ=DAILY;UNTIL=20250101T000000Z")]
    public void A_rule_the_calendar_cannot_keep_is_refused_naming_recurrence(string rule)
    {
        var errors = new FieldErrors();

        Assert.Null(Series.Parse(errors, rule, Local("2026-03-02T09:00"), "Europe/Berlin"));

        var refused = Assert.Throws<ValidationFailedException>(errors.ThrowIfAny);
        Assert.Equal(["recurrence"], refused.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_rare_but_real_rule_is_kept_and_a_never_matching_one_stored_earlier_lists_nothing_instead_of_failing()
    {
        // 29 February by a daily rule: the longest real gap, 2096 to 2104, is about 2,900 days.
        Assert.NotNull(Parse("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29"));

        var never = Expand("2026-03-02T09:00", "2026-03-02T10:00", "Europe/Berlin", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "2026-03-01T00:00Z", "2027-03-01T00:00Z");

        // Ical.Net looks for the rule's first match before it yields even the start: the step limit ends that search.
        Assert.Empty(never);
    }

    private static Ical.Net.DataTypes.RecurrencePattern Parse(string rule)
    {
        var errors = new FieldErrors();
        var pattern = Series.Parse(errors, rule, Local("2026-03-02T09:00"), "Europe/Berlin");
        errors.ThrowIfAny();
        return pattern!;
    }
}
