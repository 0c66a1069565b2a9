using System.Net;
using System.Net.Http.Json;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Ical.Net.DataTypes;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;
using IcalCalendar = Ical.Net.Calendar;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// The calendar feed a calendar program subscribes to, read back with Ical.Net as Outlook,
/// Google Calendar or Thunderbird would: the same events at the same local times, only the
/// person's own, gone when the address is rotated or revoked; and one item as an .ics file.
/// </summary>
public sealed class FeedTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private static string FeedPath(string url) => "/v1/feeds/" + url[(url.LastIndexOf('/') + 1)..];

    private async Task<string> FeedOfAsync(TestUser person) =>
        FeedPath((await api.As(person).Feeds.CreateFeedAsync(new CreateFeedRequest(), cancellationToken: Ct)).Path);

    private async Task<IcalCalendar> SubscribeAsync(string path)
    {
        using var response = await api.Anonymous().GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return IcalCalendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private static string Uid(Item item) => item.Id + "@crmsuite";

    [Fact]
    public async Task A_weekly_Berlin_meeting_in_the_feed_keeps_09_00_across_the_clock_change_when_a_calendar_program_expands_it()
    {
        // Mondays 09:00-09:30 in Berlin from 16 March 2026, without 23 March; the clocks change on 29 March.
        var meeting = await api.MeetingAsync(People.Anna, "2026-03-16T09:00", "2026-03-16T09:30", r =>
        {
            r.Recurrence = "FREQ=WEEKLY;BYDAY=MO";
            r.RecurrenceExceptions.Add("2026-03-23T09:00");
            r.Place = "Переговорная 2";
            r.OnlineLink = "https://meet.example/weekly";
        });

        var calendar = await SubscribeAsync(await FeedOfAsync(People.Anna));

        var series = Assert.Single(calendar.Events, e => e.Uid == Uid(meeting));
        Assert.Equal((meeting.Title, "Переговорная 2", "https://meet.example/weekly", "CONFIRMED"),
            (series.Summary, series.Location, series.Url?.ToString(), series.Status));
        Assert.NotNull(series.DtStamp);
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO", series.RecurrenceRule?.ToString());
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Berlin");
        var occurrences = series.GetOccurrences().Take(3).Select(o => o.Period.StartTime).ToList();
        Assert.All(occurrences, start => Assert.Equal("Europe/Berlin", start.TzId));
        Assert.Equal(["2026-03-16 09:00", "2026-03-30 09:00", "2026-04-06 09:00"], occurrences.Select(s => s.Value.ToString("yyyy-MM-dd HH:mm")));
        // The same wall-clock time is an hour earlier in UTC after the change, as in the service's own list.
        Assert.Equal(["08:00", "07:00", "07:00"], occurrences.Select(s => s.AsUtc.ToString("HH:mm")));
        Assert.Equal(TimeSpan.FromMinutes(30), series.GetOccurrences().First().Period.EffectiveDuration?.ToTimeSpanUnspecified());

        // Every read is audited as the person whose feed it is.
        var read = Assert.Single(await api.OutboxAsync("audit"), e => e.GetProperty("action").GetString() == "scheduling.feed.read"
            && e.GetProperty("actorId").GetString() == People.Anna.Id);
        Assert.Equal("calendar-feed", read.GetProperty("actorRole").GetString());
    }

    [Fact]
    public async Task A_feed_shows_only_its_persons_own_items_whoever_else_could_see_them()
    {
        var annasAlone = await api.MeetingAsync(People.Oleg, "2026-03-11T10:00", "2026-03-11T11:00");
        var withBoris = await api.MeetingAsync(People.Oleg, "2026-03-12T10:00", "2026-03-12T11:00", r => r.ParticipantUserIds.Add(People.Boris.Id));

        var boris = await SubscribeAsync(await FeedOfAsync(People.Boris));
        var director = await SubscribeAsync(await FeedOfAsync(People.Director));

        Assert.Contains(boris.Events, e => e.Uid == Uid(withBoris));
        Assert.DoesNotContain(boris.Events, e => e.Uid == Uid(annasAlone));
        // The director sees Oleg's items in the app, but a feed is a personal calendar: the token outlives the role.
        Assert.NotNull(await api.As(People.Director).Items.GetItemAsync(new GetItemRequest { Id = annasAlone.Id }, cancellationToken: Ct));
        Assert.DoesNotContain(director.Events, e => e.Uid == Uid(annasAlone) || e.Uid == Uid(withBoris));
    }

    [Fact]
    public async Task Rotating_the_address_stops_the_old_one_and_revoking_stops_the_new_one_with_a_bare_404()
    {
        var person = People.HeadOfNorth;
        var first = await api.As(person).Feeds.CreateFeedAsync(new CreateFeedRequest(), cancellationToken: Ct);
        Assert.True(first.Status.Active);
        Assert.StartsWith("/api/scheduling/v1/feeds/", first.Path);
        Assert.EndsWith(".ics", first.Path);
        var token = first.Path["/api/scheduling/v1/feeds/".Length..^".ics".Length];
        // Only the token's hash is kept.
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM calendar_feeds WHERE token_hash = sha256(convert_to(@p0, 'UTF8'))", token));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM calendar_feeds WHERE position(@p0 in user_id || user_name) > 0", token));
        await SubscribeAsync(FeedPath(first.Path));

        var second = await api.As(person).Feeds.CreateFeedAsync(new CreateFeedRequest(), cancellationToken: Ct);
        Assert.NotEqual(first.Path, second.Path);
        await AssertGoneAsync(FeedPath(first.Path));
        await SubscribeAsync(FeedPath(second.Path));

        var revoked = await api.As(person).Feeds.RevokeFeedAsync(new RevokeFeedRequest(), cancellationToken: Ct);
        Assert.False(revoked.Active);
        Assert.NotNull(revoked.RevokedAt);
        await AssertGoneAsync(FeedPath(second.Path));
        Assert.False((await api.As(person).Feeds.GetFeedAsync(new GetFeedRequest(), cancellationToken: Ct)).Active);

        // Unknown and malformed tokens are answered the same.
        await AssertGoneAsync("/v1/feeds/" + new string('A', 43) + ".ics");
        await AssertGoneAsync("/v1/feeds/not-a-token.ics");
        var audited = (await api.OutboxAsync("audit")).Where(e => e.GetProperty("actorId").GetString() == person.Id).Select(e => e.GetProperty("action").GetString()).ToList();
        // (The test clock stands still, so the three changes share a time: compared as a set.)
        Assert.Equal(["scheduling.feed.created", "scheduling.feed.revoked", "scheduling.feed.rotated"], audited.Where(a => a is not "scheduling.feed.read").Order());
    }

    private async Task AssertGoneAsync(string path)
    {
        using var response = await api.Anonymous().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_feed_is_managed_over_rest_and_a_feed_read_too_often_is_refused_with_retry_after()
    {
        var created = await api.As(People.Reader).Http.PostAsJsonAsync("/v1/calendar-feed", new { }, Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var path = FeedPath((await ReadJsonAsync(created)).GetProperty("path").GetString()!);

        for (var read = 0; read < 30; read++)
        {
            using var ok = await api.Anonymous().GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await api.Anonymous().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);

        api.Clock.Now = api.Clock.Now.AddMinutes(10);
        try
        {
            using var again = await api.Anonymous().GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            var status = await ReadJsonAsync(await api.As(People.Reader).Http.GetAsync("/v1/calendar-feed", Ct));
            Assert.True(status.GetProperty("active").GetBoolean());
            Assert.Equal(api.Clock.Now, status.GetProperty("lastReadAt").GetDateTimeOffset());
        }
        finally
        {
            api.Clock.Now = TestClock.Start;
        }
    }

    [Fact]
    public async Task One_item_downloads_as_an_ics_file_for_whoever_sees_it_and_a_bad_id_names_the_field()
    {
        var meeting = await api.MeetingAsync(People.Anna, "2026-03-20T14:00", "2026-03-20T15:00", r => r.Place = "Офис клиента");

        using var file = await api.As(People.Anna).Http.GetAsync($"/v1/items/{meeting.Id}.ics", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/calendar", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(meeting.Title + ".ics", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName);
        var calendarEvent = Assert.Single(IcalCalendar.Load(await file.Content.ReadAsStringAsync(Ct))!.Events);
        Assert.Equal((Uid(meeting), "Офис клиента"), (calendarEvent.Uid, calendarEvent.Location));
        Assert.Equal((new DateTime(2026, 3, 20, 14, 0, 0), "Europe/Berlin"), (calendarEvent.DtStart!.Value, calendarEvent.DtStart.TzId));

        Assert.Equal(HttpStatusCode.NotFound, (await api.As(People.Boris).Http.GetAsync($"/v1/items/{meeting.Id}.ics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync($"/v1/items/{meeting.Id}.ics", Ct)).StatusCode);
        Assert.Equal(["id"], await BadFieldsAsync(await api.As(People.Anna).Http.GetAsync("/v1/items/not-an-id.ics", Ct)));
    }
}
