using System.Security.Claims;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Identity.Contracts;
using CrmSuite.Scheduling.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace CrmSuite.Gateway.UI.Calendar;

/// <summary>
/// Three weeks of a team at a glance: a row per person (by name), a column per day from this
/// week's Monday, each of the person's items a bar over its days (items on the same days stack),
/// today marked. A bar opens the item. Filters: the team (the person's own first) and one person.
/// </summary>
public partial class TeamTimeline
{
    public const int Days = 21;

    internal sealed record TeamOption(string Id, string Name);

    internal sealed record Bar(CalendarEntry Entry, int FirstDay, int DayCount, int Lane);

    internal sealed record Row(string PersonId, string Name, IReadOnlyList<Bar> Bars, int Lanes);

    private const string Everybody = "";

    private readonly ErrorState errors = new();
    private IReadOnlyList<TeamOption> teams = [];
    private IReadOnlyList<TeamOption> personOptions = [];
    private IReadOnlyList<Person> teamPeople = [];
    private ListPeopleResponse directory = new();
    private IReadOnlyList<Item> items = [];
    private string team = Everybody;
    private string person = Everybody;
    private DateTime first;
    private DateTime today;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private ClaimsPrincipal user = new();
    private bool loaded;

    [Inject] private CalendarApi CalendarCells { get; set; } = default!;

    [Inject] private BrowserApi Browser { get; set; } = default!;

    [Inject] private PersonDirectory People { get; set; } = default!;

    [Inject] private DialogService Dialogs { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private string UserId => user.FindFirst("sub")?.Value ?? "";

    protected override async Task OnInitializedAsync()
    {
        user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        zone = await Browser.GetTimeZoneAsync();
        today = TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).Date;
        first = MondayOf(today);
        directory = await People.DirectoryAsync(user);
        teams = [.. directory.Teams.OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => new TeamOption(t.Id, t.Name)),
            new TeamOption(Everybody, T[Texts.Calendar.Everyone])];
        var ownTeams = user.FindAll("team").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        team = teams.FirstOrDefault(t => ownTeams.Contains(t.Id))?.Id ?? teams[0].Id;
        ChooseTeamPeople();
        await LoadAsync();
    }

    private static DateTime MondayOf(DateTime date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private void ChooseTeamPeople()
    {
        var people = directory.People.AsEnumerable();
        if (team != Everybody)
        {
            people = people.Where(p => p.TeamIds.Contains(team));
        }
        // The person themself is in their own view even when the directory cannot list them.
        if (team == Everybody || user.FindAll("team").Any(c => c.Value == team))
        {
            if (UserId.Length > 0 && !directory.People.Any(p => p.Id == UserId))
            {
                people = people.Append(new Person { Id = UserId, DisplayName = user.DisplayName() });
            }
        }
        teamPeople = [.. people.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)];
        personOptions = [new TeamOption(Everybody, T[Texts.TeamTimeline.EveryoneInTeam]), .. teamPeople.Select(p => new TeamOption(p.Id, p.DisplayName))];
        if (!teamPeople.Any(p => p.Id == person))
        {
            person = Everybody;
        }
    }

    private Task ChooseTeamAsync(string value)
    {
        team = value;
        ChooseTeamPeople();
        return Task.CompletedTask;
    }

    private async Task ShiftAsync(int days)
    {
        first = days == 0 ? MondayOf(today) : first.AddDays(days);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        errors.Clear();
        var from = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(first, DateTimeKind.Unspecified), zone));
        var to = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(first.AddDays(Days), DateTimeKind.Unspecified), zone));
        items = await CalendarCells.ListRangeAsync(from, to, errors) ?? items;
        loaded = true;
    }

    private IEnumerable<Row> Rows => teamPeople.Where(p => person == Everybody || p.Id == person).Select(p => RowOf(p.Id, p.DisplayName));

    internal Row RowOf(string personId, string name)
    {
        var now = Clock.GetUtcNow();
        var spans = items.Where(i => CalendarEntry.Involves(i, personId) && i.Status != ItemStatus.Cancelled)
            .SelectMany(i => CalendarEntry.Of(i, zone, now))
            .Select(e => (Entry: e, First: (e.Start.Date - first).Days, Last: ((e.End > e.Start ? e.End.AddTicks(-1) : e.Start).Date - first).Days))
            .Where(s => s.Last >= 0 && s.First < Days)
            .Select(s => (s.Entry, First: Math.Max(0, s.First), Last: Math.Min(Days - 1, s.Last)))
            .OrderBy(s => s.First).ThenByDescending(s => s.Last).ThenBy(s => s.Entry.Start);
        // Items on the same days stack in lanes: each goes into the first lane free from its first day.
        var laneEnds = new List<int>();
        var bars = new List<Bar>();
        foreach (var (entry, firstDay, lastDay) in spans)
        {
            var lane = laneEnds.FindIndex(end => end < firstDay);
            if (lane < 0)
            {
                lane = laneEnds.Count;
                laneEnds.Add(lastDay);
            }
            else
            {
                laneEnds[lane] = lastDay;
            }
            bars.Add(new Bar(entry, firstDay, lastDay - firstDay + 1, lane));
        }
        return new Row(personId, name, bars, laneEnds.Count);
    }

    private string DayClass(DateTime date) =>
        "crm-timeline-day" + (date == today ? " crm-timeline-today" : "") + (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? " crm-timeline-weekend" : "");

    private async Task OpenAsync(Item item)
    {
        if (await Dialogs.ShowItemAsync(T, item.Id))
        {
            await LoadAsync();
        }
    }
}
