using System.Globalization;
using System.Net.Http.Json;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Editing a series from one occurrence: only this occurrence (stored by its original start),
/// this and following (the series is split), or the whole series; the list, the item and the
/// .ics show the changed occurrences at their own time and leave out cancelled ones.
/// </summary>
public sealed class SeriesEditTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private static Timestamp At(string utc) => Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

    private async Task<Item?> ListedAsync(string id, string from, string to) =>
        (await api.As(People.Boris).Items.ListItemsAsync(new ListItemsRequest { From = At(from), To = At(to), PageSize = 200 }, cancellationToken: Ct))
            .Items.SingleOrDefault(i => i.Id == id);

    private static string[] Shown(Item item) =>
        [.. item.Occurrences.Select(o => $"{o.Start} {o.StartsAt.ToDateTime():HH:mm}Z {o.Title}{(o.Changed ? " changed" : string.Empty)}")];

    /// <summary>Weekly on Monday 09:00–10:00 in Berlin from 16 March 2026 (summer time starts on 29 March).</summary>
    private async Task<Item> WeeklyAsync(string rule = "FREQ=WEEKLY;BYDAY=MO") =>
        await api.MeetingAsync(People.Boris, "2026-03-16T09:00", "2026-03-16T10:00", r =>
        {
            r.Title = "Планёрка";
            r.Recurrence = rule;
            r.Place = "Переговорная";
        });

    private static UpdateItemRequest Change(Item item, SeriesScope scope, string occurrence, string start, string end, Action<UpdateItemRequest>? edit = null)
    {
        var request = new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, Title = item.Title, Start = start, End = end, TimeZone = item.TimeZone, Place = item.Place,
            Recurrence = item.Recurrence, Scope = scope, OccurrenceStart = occurrence, CompanyId = item.CompanyId, DealId = item.DealId,
        };
        request.RecurrenceExceptions.AddRange(item.RecurrenceExceptions);
        request.ParticipantUserIds.AddRange(item.ParticipantUserIds);
        request.ReminderMinutesBefore.AddRange(item.ReminderMinutesBefore);
        edit?.Invoke(request);
        return request;
    }

    [Fact]
    public async Task Moving_one_occurrence_across_the_DST_change_moves_only_that_one_and_the_list_shows_it_at_its_new_time()
    {
        var meeting = await WeeklyAsync();

        // 23 March (winter time) moves to Tuesday 31 March 14:00 (summer time) and gets its own title.
        var changed = await api.As(People.Boris).Items.UpdateItemAsync(Change(meeting, SeriesScope.ThisOccurrence, "2026-03-23T09:00", "2026-03-31T14:00", "2026-03-31T15:00",
            r => r.Title = "Планёрка с клиентом"), cancellationToken: Ct);

        var march = await ListedAsync(meeting.Id, "2026-03-16T00:00:00Z", "2026-04-07T00:00:00Z");
        Assert.Equal([
            "2026-03-16T09:00 08:00Z Планёрка", "2026-03-30T09:00 07:00Z Планёрка", "2026-03-31T14:00 12:00Z Планёрка с клиентом changed", "2026-04-06T09:00 07:00Z Планёрка",
        ], Shown(march!));
        Assert.Equal("2026-03-23T09:00", march!.Occurrences.Single(o => o.Changed).OriginalStart);
        // Moved out of the week of 23 March (nothing else of the series is there) and into the last day of March.
        Assert.Null(await ListedAsync(meeting.Id, "2026-03-23T00:00:00Z", "2026-03-24T00:00:00Z"));
        Assert.Equal(["2026-03-31T14:00 12:00Z Планёрка с клиентом changed"], Shown((await ListedAsync(meeting.Id, "2026-03-31T00:00:00Z", "2026-04-01T00:00:00Z"))!));
        // The series itself is unchanged; the item names its changed occurrence.
        var read = await api.As(People.Boris).Items.GetItemAsync(new GetItemRequest { Id = meeting.Id }, cancellationToken: Ct);
        Assert.Equal(("2026-03-16T09:00", "Планёрка", meeting.Recurrence), (read.Start, read.Title, read.Recurrence));
        var only = Assert.Single(read.OccurrenceOverrides);
        Assert.Equal(("2026-03-23T09:00", "2026-03-31T14:00", "2026-03-31T15:00", "Планёрка с клиентом", ""), (only.OriginalStart, only.Start, only.End, only.Title, only.Place));
        Assert.Equal(changed.Version, read.Version);
        Assert.Single(await api.AuditAsync("scheduling.item.occurrence-changed", meeting.Id));
    }

    [Fact]
    public async Task An_occurrence_moved_past_the_last_one_of_a_series_with_COUNT_is_still_listed_where_it_went()
    {
        var meeting = await WeeklyAsync("FREQ=WEEKLY;BYDAY=MO;COUNT=3");

        await api.As(People.Boris).Items.UpdateItemAsync(Change(meeting, SeriesScope.ThisOccurrence, "2026-03-30T09:00", "2026-04-20T09:00", "2026-04-20T10:00"), cancellationToken: Ct);

        Assert.Equal(["2026-04-20T09:00 07:00Z Планёрка changed"], Shown((await ListedAsync(meeting.Id, "2026-04-13T00:00:00Z", "2026-04-27T00:00:00Z"))!));
    }

    [Fact]
    public async Task Cancelling_one_occurrence_leaves_it_out_of_the_list_and_the_ics_exports_it_as_EXDATE_and_a_moved_one_as_RECURRENCE_ID()
    {
        var meeting = await WeeklyAsync();
        var cancelled = await api.As(People.Boris).Items.UpdateItemAsync(Change(meeting, SeriesScope.ThisOccurrence, "2026-03-30T09:00", "2026-03-30T09:00", "2026-03-30T10:00",
            r => r.Status = ItemStatus.Cancelled), cancellationToken: Ct);
        await api.As(People.Boris).Items.UpdateItemAsync(Change(cancelled, SeriesScope.ThisOccurrence, "2026-03-23T09:00", "2026-03-23T11:00", "2026-03-23T12:00"), cancellationToken: Ct);

        var listed = await ListedAsync(meeting.Id, "2026-03-16T00:00:00Z", "2026-04-07T00:00:00Z");
        Assert.Equal(["2026-03-16T09:00 08:00Z Планёрка", "2026-03-23T11:00 10:00Z Планёрка changed", "2026-04-06T09:00 07:00Z Планёрка"], Shown(listed!));
        Assert.Equal(ItemStatus.Open, listed!.Status);
        Assert.Equal(["2026-03-30T09:00"], listed.RecurrenceExceptions);

        using var file = await api.As(People.Boris).Http.GetAsync($"/v1/items/{meeting.Id}.ics", Ct);
        var ics = (await file.Content.ReadAsStringAsync(Ct)).Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("EXDATE;TZID=Europe/Berlin:20260330T090000", ics);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000", ics);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20260323T110000", ics);
        Assert.Equal(2, ics.Split("BEGIN:VEVENT").Length - 1);
    }

    [Fact]
    public async Task This_and_following_in_New_York_ends_the_old_series_before_the_occurrence_and_starts_a_new_one_with_its_links_people_and_reminders()
    {
        var (company, _, deal) = await api.ClientAsync(People.Boris);
        // Thursdays 11:00 in New York, six times from 15 October 2026; daylight time ends on 1 November.
        var call = await api.As(People.Boris).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Call, Title = "Созвон", Start = "2026-10-15T11:00", End = "2026-10-15T11:30", TimeZone = "America/New_York",
            Recurrence = "FREQ=WEEKLY;COUNT=6", CompanyId = company, DealId = deal, ParticipantUserIds = { "manager-anna" }, ReminderMinutesBefore = { 15 },
        }, cancellationToken: Ct);

        var next = await api.As(People.Boris).Items.UpdateItemAsync(Change(call, SeriesScope.ThisAndFollowing, "2026-11-05T11:00", "2026-11-05T15:00", "2026-11-05T15:30"), cancellationToken: Ct);

        Assert.NotEqual(call.Id, next.Id);
        Assert.Equal((company, deal, "FREQ=WEEKLY;COUNT=3"), (next.CompanyId, next.DealId, next.Recurrence));
        Assert.Equal(["manager-anna"], next.ParticipantUserIds);
        Assert.Equal([15], next.ReminderMinutesBefore);
        var old = await ListedAsync(call.Id, "2026-10-01T00:00:00Z", "2026-12-31T00:00:00Z");
        var following = await ListedAsync(next.Id, "2026-10-01T00:00:00Z", "2026-12-31T00:00:00Z");
        Assert.Equal(["2026-10-15T11:00 15:00Z Созвон", "2026-10-22T11:00 15:00Z Созвон", "2026-10-29T11:00 15:00Z Созвон"], Shown(old!));
        Assert.Equal(["2026-11-05T15:00 20:00Z Созвон", "2026-11-12T15:00 20:00Z Созвон", "2026-11-19T15:00 20:00Z Созвон"], Shown(following!));
        Assert.Contains("UNTIL=", old!.Recurrence);
        // One change: the split's event and the audit of both items, and the new series' reminders planned.
        var split = Assert.Single(await api.OutboxAsync(Contracts.Events.SeriesSplit.Topic), e => e.GetProperty("itemId").GetString() == call.Id);
        Assert.Equal(next.Id, split.GetProperty("newItemId").GetString());
        Assert.Single(await api.AuditAsync("scheduling.item.series-ended", call.Id));
        Assert.Single(await api.AuditAsync("scheduling.item.created", next.Id));
        Assert.Equal(2, await api.ScalarAsync("SELECT count(*) FROM reminders WHERE item_id = @p0 AND status = 1", Guid.Parse(next.Id)));
    }

    [Fact]
    public async Task Cancelling_this_and_following_ends_the_series_there_and_makes_no_new_one()
    {
        var meeting = await WeeklyAsync();

        var ended = await api.As(People.Boris).Items.UpdateItemAsync(Change(meeting, SeriesScope.ThisAndFollowing, "2026-03-30T09:00", "2026-03-30T09:00", "2026-03-30T10:00",
            r => r.Status = ItemStatus.Cancelled), cancellationToken: Ct);

        Assert.Equal(meeting.Id, ended.Id);
        Assert.Equal(["2026-03-16T09:00 08:00Z Планёрка", "2026-03-23T09:00 08:00Z Планёрка"], Shown((await ListedAsync(meeting.Id, "2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z"))!));
        var split = Assert.Single(await api.OutboxAsync(Contracts.Events.SeriesSplit.Topic), e => e.GetProperty("itemId").GetString() == meeting.Id);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, split.GetProperty("newItemId").ValueKind);
    }

    [Fact]
    public async Task Changing_the_whole_series_keeps_a_moved_occurrence_while_it_is_still_in_the_series_and_drops_it_when_the_rule_no_longer_has_it()
    {
        var meeting = await WeeklyAsync();
        var moved = await api.As(People.Boris).Items.UpdateItemAsync(Change(meeting, SeriesScope.ThisOccurrence, "2026-03-23T09:00", "2026-03-24T09:00", "2026-03-24T10:00"), cancellationToken: Ct);

        var renamed = await api.As(People.Boris).Items.UpdateItemAsync(Change(moved, SeriesScope.WholeSeries, "", moved.Start, moved.End, r => r.Title = "Летучка"), cancellationToken: Ct);
        Assert.Equal(["2026-03-16T09:00 08:00Z Летучка", "2026-03-24T09:00 08:00Z Летучка changed", "2026-03-30T09:00 07:00Z Летучка"],
            Shown((await ListedAsync(meeting.Id, "2026-03-16T00:00:00Z", "2026-04-01T00:00:00Z"))!));

        // Dragging the 30 March occurrence one hour later for the whole series moves every occurrence (and so the moved one's key is gone).
        var later = await api.As(People.Boris).Items.UpdateItemAsync(Change(renamed, SeriesScope.WholeSeries, "2026-03-30T09:00", "2026-03-30T10:00", "2026-03-30T11:00"), cancellationToken: Ct);
        Assert.Equal(("2026-03-16T10:00", "2026-03-16T11:00"), (later.Start, later.End));
        Assert.Empty(later.OccurrenceOverrides);
        Assert.Equal(["2026-03-16T10:00 09:00Z Летучка", "2026-03-23T10:00 09:00Z Летучка", "2026-03-30T10:00 08:00Z Летучка"],
            Shown((await ListedAsync(meeting.Id, "2026-03-16T00:00:00Z", "2026-04-01T00:00:00Z"))!));
    }

    [Fact]
    public async Task A_scope_without_an_occurrence_an_occurrence_not_in_the_series_or_an_end_before_the_start_is_400_naming_the_field_and_changes_nothing()
    {
        var meeting = await WeeklyAsync();
        var single = await api.MeetingAsync(People.Boris);
        var http = api.As(People.Boris).Http;
        Task<HttpResponseMessage> Put(Item item, string scope, string occurrence, string start, string end) =>
            http.PutAsJsonAsync($"/v1/items/{item.Id}", new
            {
                version = item.Version, title = "Изменено", start, end, timeZone = item.TimeZone, recurrence = item.Recurrence, scope, occurrenceStart = occurrence,
            }, Json, Ct);

        Assert.Equal(["occurrenceStart"], await BadFieldsAsync(await Put(meeting, "SERIES_SCOPE_THIS_OCCURRENCE", "", "2026-03-24T09:00", "2026-03-24T10:00")));
        Assert.Equal(["occurrenceStart"], await BadFieldsAsync(await Put(meeting, "SERIES_SCOPE_THIS_AND_FOLLOWING", "2026-03-24T09:00", "2026-03-24T09:00", "2026-03-24T10:00")));
        Assert.Equal(["occurrenceStart"], await BadFieldsAsync(await Put(meeting, "SERIES_SCOPE_THIS_OCCURRENCE", "2026-03-09T09:00", "2026-03-09T09:00", "2026-03-09T10:00")));
        Assert.Equal(["end"], await BadFieldsAsync(await Put(meeting, "SERIES_SCOPE_THIS_OCCURRENCE", "2026-03-23T09:00", "2026-03-23T09:00", "2026-03-23T08:00")));
        Assert.Equal(["scope"], await BadFieldsAsync(await Put(single, "SERIES_SCOPE_THIS_OCCURRENCE", "2026-03-10T09:00", "2026-03-10T09:00", "2026-03-10T10:00")));

        var after = await api.As(People.Boris).Items.GetItemAsync(new GetItemRequest { Id = meeting.Id }, cancellationToken: Ct);
        Assert.Equal((meeting.Version, "Планёрка", 0, meeting.Recurrence), (after.Version, after.Title, after.OccurrenceOverrides.Count, after.Recurrence));
        Assert.Empty(await api.AuditAsync("scheduling.item.occurrence-changed", meeting.Id));
    }
}
