using System.Globalization;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Google.Protobuf.WellKnownTypes;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// The calendar's compact read (GET /v1/calendar, Calendar/ListCalendar): one cell per occurrence
/// of exactly the items ListItems lists for the same window, with the same visibility, and only
/// what a calendar cell draws.
/// </summary>
public sealed class CalendarViewTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private static Timestamp At(string utc) => Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

    private CalendarView.CalendarViewClient CalendarOf(TestUser user) => new(api.Grpc(user));

    /// <summary>ListItems' answer as calendar cells would show it: one line per occurrence.</summary>
    private static string[] Shown(IEnumerable<Item> items) =>
        [.. items.SelectMany(i => i.Occurrences.Select(o => string.Join(" | ", i.Id, i.Kind, o.Title, o.Start, i.Kind == ItemKind.Task ? "" : o.End, o.StartsAt,
            i.Kind == ItemKind.Task ? null : o.EndsAt, i.AllDay, i.TimeZone, i.Status, i.Overdue, i.OwnerUserId, i.AssigneeUserId, i.ActivityTypeId,
            o.OriginalStart, o.Changed, i.Version, string.Join(",", i.ParticipantUserIds))))];

    private static string[] Shown(IEnumerable<CalendarCell> cells) =>
        [.. cells.Select(c => string.Join(" | ", c.Id, c.Kind, c.Title, c.Start, c.End, c.StartsAt, c.EndsAt, c.AllDay, c.TimeZone, c.Status, c.Overdue,
            c.OwnerUserId, c.AssigneeUserId, c.ActivityTypeId, c.OccurrenceStart, c.Changed, c.Version, string.Join(",", c.ParticipantUserIds)))];

    [Fact]
    public async Task The_calendar_answers_the_items_ListItems_lists_for_a_window_one_cell_per_occurrence_with_moved_and_cancelled_ones_applied()
    {
        var boris = api.As(People.Boris).Items;
        // Weekly on Monday 09:00 in Berlin; 23 March moved to Tuesday 31 March 14:00 with its own title, 30 March cancelled.
        var weekly = await api.MeetingAsync(People.Boris, "2026-03-16T09:00", "2026-03-16T10:00", r =>
        {
            r.Title = "Планёрка";
            r.Recurrence = "FREQ=WEEKLY;BYDAY=MO";
            r.ParticipantUserIds.Add("manager-anna");
        });
        UpdateItemRequest Change(Item item, string occurrence, string start, string end, ItemStatus status = ItemStatus.Unspecified, string title = "Планёрка") => new()
        {
            Id = item.Id, Version = item.Version, Title = title, Start = start, End = end, TimeZone = item.TimeZone, Recurrence = item.Recurrence,
            Scope = SeriesScope.ThisOccurrence, OccurrenceStart = occurrence, Status = status, ParticipantUserIds = { item.ParticipantUserIds },
        };
        var moved = await boris.UpdateItemAsync(Change(weekly, "2026-03-23T09:00", "2026-03-31T14:00", "2026-03-31T15:00", title: "Планёрка с клиентом"), cancellationToken: Ct);
        await boris.UpdateItemAsync(Change(moved, "2026-03-30T09:00", "2026-03-30T09:00", "2026-03-30T10:00", ItemStatus.Cancelled), cancellationToken: Ct);
        await api.MeetingAsync(People.Boris, "2026-03-18T15:00", "2026-03-18T16:00");
        await boris.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Task, Title = "Отправить КП", Start = "2026-03-17T12:00", TimeZone = "Europe/Moscow", AssigneeUserId = "manager-anna",
        }, cancellationToken: Ct);
        await boris.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Meeting, Title = "Выставка", Start = "2026-03-19", End = "2026-03-20", TimeZone = "Europe/Berlin", AllDay = true,
        }, cancellationToken: Ct);
        await api.MeetingAsync(People.Boris, "2026-04-20T09:00", "2026-04-20T10:00"); // after the window
        api.Clock.Now = new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero); // the task is overdue now

        var listed = await boris.ListItemsAsync(new ListItemsRequest { From = At("2026-03-16T00:00:00Z"), To = At("2026-04-07T00:00:00Z"), PageSize = 1000 }, cancellationToken: Ct);
        var cells = await CalendarOf(People.Boris).ListCalendarAsync(new ListCalendarRequest { From = At("2026-03-16T00:00:00Z"), To = At("2026-04-07T00:00:00Z"), PageSize = 1000 }, cancellationToken: Ct);
        // Page by page (two items a page) it is the same cells.
        var paged = new List<CalendarCell>();
        var token = string.Empty;
        do
        {
            var page = await CalendarOf(People.Boris).ListCalendarAsync(new ListCalendarRequest
            {
                From = At("2026-03-16T00:00:00Z"), To = At("2026-04-07T00:00:00Z"), PageSize = 2, PageToken = token,
            }, cancellationToken: Ct);
            paged.AddRange(page.Cells);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(Shown(listed.Items), Shown(cells.Cells));
        Assert.Equal(Shown(cells.Cells), Shown(paged));
        Assert.Equal(6, cells.Cells.Count); // the series: 16 March, 31 March (moved), 6 April; the meeting, the task, the all-day meeting
        var series = cells.Cells.Where(c => c.Id == weekly.Id).ToList();
        Assert.All(series, c => Assert.True(c.Recurring));
        Assert.Equal(["2026-03-16T09:00", "2026-03-31T14:00", "2026-04-06T09:00"], series.Select(c => c.Start));
        Assert.Equal(("2026-03-23T09:00", "Планёрка с клиентом", true), series.Where(c => c.Changed).Select(c => (c.OccurrenceStart, c.Title, c.Changed)).Single());
        var task = Assert.Single(cells.Cells, c => c.Kind == ItemKind.Task);
        Assert.True(task.Overdue);
        Assert.Equal((string.Empty, (Timestamp?)null), (task.End, task.EndsAt));
        Assert.Equal(("2026-03-19", "2026-03-20", true), cells.Cells.Where(c => c.AllDay).Select(c => (c.Start, c.End, c.AllDay)).Single());
    }

    [Fact]
    public async Task A_cell_says_only_what_a_calendar_draws_and_a_person_sees_only_the_items_they_see()
    {
        var annas = await api.MeetingAsync(People.Anna, "2027-02-10T09:00", "2027-02-10T10:00", r =>
        {
            r.Description = "Подробности только в карточке";
            r.Place = "Офис клиента";
            r.Checklist.Add(new ChecklistEntry { Text = "Договор" });
        });
        var withBoris = await api.MeetingAsync(People.Anna, "2027-02-11T09:00", "2027-02-11T10:00", r => r.ParticipantUserIds.Add("manager-boris"));
        var olegs = await api.MeetingAsync(People.Oleg, "2027-02-12T09:00", "2027-02-12T10:00");
        ListCalendarRequest Week(string person = "") => new() { From = At("2027-02-08T00:00:00Z"), To = At("2027-02-15T00:00:00Z"), PersonUserId = person };

        // Only this test's three meetings: other tests of the class plan series that reach this week.
        string[] mine = [annas.Id, withBoris.Id, olegs.Id];
        async Task<string[]> IdsAsync(TestUser user, string person = "") =>
            [.. (await CalendarOf(user).ListCalendarAsync(Week(person), cancellationToken: Ct)).Cells.Select(c => c.Id).Where(mine.Contains)];

        Assert.Equal([annas.Id, withBoris.Id], await IdsAsync(People.Anna));
        Assert.Equal([withBoris.Id], await IdsAsync(People.Boris));
        Assert.Equal([olegs.Id], await IdsAsync(People.Oleg));
        Assert.Equal([annas.Id, withBoris.Id], await IdsAsync(People.HeadOfNorth));
        Assert.Equal([annas.Id, withBoris.Id, olegs.Id], await IdsAsync(People.Director));
        // A person's items among those the caller sees: the director looks at Boris's week.
        Assert.Equal([withBoris.Id], await IdsAsync(People.Director, "manager-boris"));

        using var rest = await api.As(People.Anna).Http.GetAsync("/v1/calendar?from=2027-02-08T00:00:00Z&to=2027-02-15T00:00:00Z", Ct);
        var body = await rest.Content.ReadAsStringAsync(Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, rest.StatusCode);
        Assert.Contains(annas.Title, body);
        Assert.DoesNotContain("Подробности только в карточке", body);
        Assert.DoesNotContain("Офис клиента", body);
        Assert.DoesNotContain("Договор", body);
    }

    [Theory]
    [InlineData("to=2027-02-15T00:00:00Z", "from")]
    [InlineData("from=2027-02-08T00:00:00Z", "to")]
    [InlineData("from=2027-02-15T00:00:00Z&to=2027-02-08T00:00:00Z", "to")]
    [InlineData("from=2027-01-01T00:00:00Z&to=2028-02-01T00:00:00Z", "to")]
    [InlineData("from=2027-02-08T00:00:00Z&to=2027-02-15T00:00:00Z&pageSize=1001", "pageSize")]
    [InlineData("from=2027-02-08T00:00:00Z&to=2027-02-15T00:00:00Z&personUserId=a%20b", "personUserId")]
    [InlineData("from=2027-02-08T00:00:00Z&to=2027-02-15T00:00:00Z&pageToken=nonsense", "pageToken")]
    public async Task Bad_input_is_400_naming_the_field(string query, string named)
    {
        using var response = await api.As(People.Anna).Http.GetAsync("/v1/calendar?" + query, Ct);

        Assert.Contains(named, await BadFieldsAsync(response));
    }
}
