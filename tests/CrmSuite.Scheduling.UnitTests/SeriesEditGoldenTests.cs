using System.Globalization;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Recurrence;

namespace CrmSuite.Scheduling.UnitTests;

/// <summary>
/// Golden views of edited series across daylight-saving changes: a moved occurrence shows at its
/// own wall-clock time (its UTC instant by the zone's offset on the new day), a split series ends
/// the day before and continues with the occurrences it had left.
/// </summary>
public sealed class SeriesEditGoldenTests
{
    private static DateTime Local(string text) => DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static ScheduledItem Series(string start, string end, string zone, string rule, params OccurrenceOverride[] changes)
    {
        var item = new ScheduledItem { StartLocal = Local(start), EndLocal = Local(end), TimeZone = zone, Recurrence = rule, OccurrenceOverrides = [.. changes] };
        item.StartsAt = Api.Recurrence.Series.ToUtc(item.StartLocal, zone);
        return item;
    }

    private static string[] Shown(ScheduledItem item, string from, string to) =>
        [.. SeriesView.Between(item, Utc(from), Utc(to)).Select(o => $"{o.StartLocal:yyyy-MM-dd'T'HH:mm} {o.StartsAt.UtcDateTime:HH:mm'Z'}{(o.Changed ? $" (was {o.OriginalStartLocal:MM-dd})" : string.Empty)}")];

    [Fact]
    public void A_Berlin_occurrence_moved_from_winter_into_summer_time_keeps_its_new_wall_clock_time()
    {
        // Summer time starts on Sunday 29 March 2026.
        var item = Series("2026-03-16T09:00", "2026-03-16T10:00", "Europe/Berlin", "FREQ=WEEKLY;BYDAY=MO",
            new OccurrenceOverride(Local("2026-03-23T09:00"), Local("2026-03-31T09:00"), Local("2026-03-31T10:00"), null, null));

        Assert.Equal(["2026-03-16T09:00 08:00Z", "2026-03-30T09:00 07:00Z", "2026-03-31T09:00 07:00Z (was 03-23)"], Shown(item, "2026-03-16T00:00Z", "2026-04-01T00:00Z"));
        Assert.Empty(Shown(item, "2026-03-23T00:00Z", "2026-03-24T00:00Z"));
    }

    [Fact]
    public void A_New_York_occurrence_moved_back_across_the_autumn_change_and_one_left_out_by_EXDATE()
    {
        // Daylight time ends on Sunday 1 November 2026.
        var item = Series("2026-10-22T11:00", "2026-10-22T11:30", "America/New_York", "FREQ=WEEKLY;BYDAY=TH",
            new OccurrenceOverride(Local("2026-11-05T11:00"), Local("2026-10-30T16:00"), Local("2026-10-30T16:30"), "Перенесено", null));
        item.RecurrenceExceptions = [Local("2026-11-12T11:00")];

        Assert.Equal(["2026-10-22T11:00 15:00Z", "2026-10-29T11:00 15:00Z", "2026-10-30T16:00 20:00Z (was 11-05)", "2026-11-19T11:00 16:00Z"],
            Shown(item, "2026-10-19T00:00Z", "2026-11-23T00:00Z"));
        Assert.True(SeriesView.Has(item, Local("2026-11-05T11:00")));
        Assert.False(SeriesView.Has(item, Local("2026-11-12T11:00")));
        Assert.False(SeriesView.Has(item, Local("2026-11-05T12:00")));
    }

    [Fact]
    public void A_Berlin_series_split_at_the_first_summer_occurrence_ends_in_UTC_the_second_before_and_continues_with_its_remaining_COUNT()
    {
        var item = Series("2026-03-16T09:00", "2026-03-16T10:00", "Europe/Berlin", "FREQ=WEEKLY;BYDAY=MO;COUNT=5");

        var (ended, following) = SeriesView.Split(item, Local("2026-03-30T09:00"), "FREQ=WEEKLY;BYDAY=MO;COUNT=5");

        // 30 March 09:00 in Berlin is 07:00 UTC (summer time).
        Assert.Equal(("FREQ=WEEKLY;UNTIL=20260330T065959Z;BYDAY=MO", "FREQ=WEEKLY;COUNT=3;BYDAY=MO"), (ended, following));
        item.Recurrence = ended;
        Assert.Equal(["2026-03-16T09:00 08:00Z", "2026-03-23T09:00 08:00Z"], Shown(item, "2026-03-01T00:00Z", "2026-06-01T00:00Z"));
        var next = Series("2026-03-30T09:00", "2026-03-30T10:00", "Europe/Berlin", following!);
        Assert.Equal(["2026-03-30T09:00 07:00Z", "2026-04-06T09:00 07:00Z", "2026-04-13T09:00 07:00Z"], Shown(next, "2026-03-01T00:00Z", "2026-06-01T00:00Z"));
    }

    [Fact]
    public void A_New_York_series_split_with_a_new_rule_takes_that_rule_as_it_is()
    {
        var item = Series("2026-10-01T11:00", "2026-10-01T11:30", "America/New_York", "FREQ=WEEKLY;COUNT=10");

        var (ended, following) = SeriesView.Split(item, Local("2026-11-05T11:00"), "FREQ=WEEKLY;INTERVAL=2");

        // 5 November 11:00 in New York is 16:00 UTC (standard time since 1 November).
        Assert.Equal(("FREQ=WEEKLY;UNTIL=20261105T155959Z", "FREQ=WEEKLY;INTERVAL=2"), (ended, following));
    }
}
