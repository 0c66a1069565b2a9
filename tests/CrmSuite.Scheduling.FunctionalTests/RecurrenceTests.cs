using System.Net.Http.Json;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Recurring meetings and calls: stored as RRULE + local start + zone, listed with their
/// occurrences inside the asked window (a rule that never ends is fine: the window bounds it).
/// </summary>
public sealed class RecurrenceTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private static Timestamp At(string utc) => Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

    private async Task<Item> OnlyAsync(string id, string from, string to)
    {
        var list = await api.As(People.Boris).Items.ListItemsAsync(new ListItemsRequest { From = At(from), To = At(to), PageSize = 200 }, cancellationToken: Ct);
        return Assert.Single(list.Items, i => i.Id == id);
    }

    private async Task<bool> ListedAsync(string id, string from, string to) =>
        (await api.As(People.Boris).Items.ListItemsAsync(new ListItemsRequest { From = At(from), To = At(to), PageSize = 200 }, cancellationToken: Ct)).Items.Any(i => i.Id == id);

    [Fact]
    public async Task A_weekly_meeting_without_an_end_is_listed_at_09_00_Berlin_time_on_both_sides_of_the_DST_change()
    {
        var response = await api.As(People.Boris).Http.PostAsJsonAsync("/v1/items", new
        {
            kind = "ITEM_KIND_MEETING", title = "Планёрка", start = "2026-03-16T09:00", end = "2026-03-16T09:30", timeZone = "Europe/Berlin", recurrence = "FREQ=WEEKLY;BYDAY=MO",
        }, Json, Ct);
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;

        var march = await OnlyAsync(id, "2026-03-16T00:00:00Z", "2026-04-07T00:00:00Z");
        var nextYear = await OnlyAsync(id, "2027-06-01T00:00:00Z", "2027-06-15T00:00:00Z");

        Assert.Equal(["2026-03-16T09:00", "2026-03-23T09:00", "2026-03-30T09:00", "2026-04-06T09:00"], march.Occurrences.Select(o => o.Start));
        Assert.Equal(["08:00", "08:00", "07:00", "07:00"], march.Occurrences.Select(o => o.StartsAt.ToDateTime().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["2027-06-07T09:00", "2027-06-14T09:00"], nextYear.Occurrences.Select(o => o.Start));
    }

    [Fact]
    public async Task A_series_with_COUNT_is_not_listed_after_its_last_occurrence_and_EXDATE_leaves_one_out()
    {
        var call = await api.As(People.Boris).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Call, Title = "Еженедельный звонок", Start = "2026-04-02T11:00", End = "2026-04-02T11:15", TimeZone = "America/New_York",
            Recurrence = "FREQ=WEEKLY;COUNT=4", RecurrenceExceptions = { "2026-04-09T11:00" },
        }, cancellationToken: Ct);

        var april = await OnlyAsync(call.Id, "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z");

        Assert.Equal(["2026-04-02T11:00", "2026-04-16T11:00", "2026-04-23T11:00"], april.Occurrences.Select(o => o.Start));
        Assert.False(await ListedAsync(call.Id, "2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z"));
        Assert.False(await ListedAsync(call.Id, "2026-04-08T00:00:00Z", "2026-04-10T00:00:00Z"), "the window holds only the left-out occurrence");
    }

    [Fact]
    public async Task Without_a_window_a_series_lists_its_occurrences_of_the_next_31_days()
    {
        // The test clock stands at 1 March 2026, 12:00 UTC.
        var call = await api.As(People.Boris).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Call, Title = "Ежедневный звонок", Start = "2026-02-20T10:00", End = "2026-02-20T10:10", TimeZone = "Europe/Moscow", Recurrence = "FREQ=DAILY",
        }, cancellationToken: Ct);

        var list = await api.As(People.Boris).Items.ListItemsAsync(new ListItemsRequest { PageSize = 200 }, cancellationToken: Ct);

        var item = Assert.Single(list.Items, i => i.Id == call.Id);
        Assert.Equal("2026-03-02T10:00", item.Occurrences[0].Start);
        Assert.Equal(31, item.Occurrences.Count);
    }

    [Fact]
    public async Task Changing_the_rule_to_one_that_cannot_be_parsed_is_400_naming_recurrence_and_keeps_the_old_rule()
    {
        var meeting = await api.MeetingAsync(People.Boris, edit: r => r.Recurrence = "FREQ=MONTHLY;BYMONTHDAY=10");

        var response = await api.As(People.Boris).Http.PutAsJsonAsync($"/v1/items/{meeting.Id}", new
        {
            version = meeting.Version, title = meeting.Title, start = meeting.Start, end = meeting.End, timeZone = meeting.TimeZone, recurrence = "FREQ=MONTHLY;BYMONTHDAY=ten",
        }, Json, Ct);

        Assert.Equal(["recurrence"], await BadFieldsAsync(response));
        Assert.Equal("FREQ=MONTHLY;BYMONTHDAY=10", (await api.As(People.Boris).Items.GetItemAsync(new GetItemRequest { Id = meeting.Id }, cancellationToken: Ct)).Recurrence);
    }
}
