using System.Security.Claims;
using Bunit;
using CrmSuite.Gateway.UI.Calendar;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Identity.Contracts;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Radzen;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The 3-week team timeline: a row per person by name, days as columns from this Monday, items as bars over their days, today marked; filter by team and person; a bar opens the item.</summary>
public sealed class TeamTimelineTests : UiTest
{
    private readonly List<(System.Type Component, IDictionary<string, object?> Parameters)> _dialogs = [];

    public TeamTimelineTests()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ClientsRead);
        Auth.SetClaims(new Claim("sub", "user-1"), new Claim("name", "Anna Petrova"), new Claim("team", "north"));
        AdministrationApi.People.Teams.Add(new TeamName { Id = "north", Name = "Sales North" });
        AdministrationApi.People.Teams.Add(new TeamName { Id = "south", Name = "Sales South" });
        AdministrationApi.People.People.Add(new Person { Id = "user-1", DisplayName = "Anna Petrova", TeamIds = { "north" } });
        AdministrationApi.People.People.Add(new Person { Id = "user-2", DisplayName = "Boris Orlov", TeamIds = { "north" } });
        AdministrationApi.People.People.Add(new Person { Id = "user-3", DisplayName = "Carl South", TeamIds = { "south" } });
        var fair = FakeSchedulingClient.Event("m-fair", ItemKind.Meeting, "Trade fair", "2026-03-05", "2026-03-06");
        fair.AllDay = true;
        fair.OwnerUserId = "user-2";
        var south = FakeSchedulingClient.Event("c-south", ItemKind.Call, "South call", "2026-03-04T12:00", "2026-03-04T12:30");
        south.OwnerUserId = "user-3";
        SchedulingApi.Stored.AddRange([
            FakeSchedulingClient.Event("m-kick", ItemKind.Meeting, "Kick-off with Alfa", "2026-03-04T10:00", "2026-03-04T11:00"),
            FakeSchedulingClient.Event("c-alfa", ItemKind.Call, "Call Alfa back", "2026-03-04T15:00", "2026-03-04T15:30"),
            fair,
            south,
            FakeSchedulingClient.Event("m-late", ItemKind.Meeting, "After three weeks", "2026-03-23T10:00", "2026-03-23T11:00"),
        ]);
    }

    private IRenderedComponent<TeamTimeline> RenderTimeline()
    {
        UseManualClock().SetUtcNow(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero));
        Services.GetRequiredService<DialogService>().OnOpen += (_, type, parameters, _) => _dialogs.Add((type, parameters));
        Interactive();
        var page = Render<TeamTimeline>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=timeline-bar]")));
        return page;
    }

    private static IEnumerable<string> Names(IRenderedComponent<TeamTimeline> page) => page.FindAll("[data-testid=timeline-person-name]").Select(n => n.TextContent);

    private static IEnumerable<(string Title, string? Start, string? Days)> Bars(IRenderedComponent<TeamTimeline> page) =>
        page.FindAll("[data-testid=timeline-bar]").Select(b => (b.QuerySelector("[data-testid=timeline-bar-title]")!.TextContent, b.GetAttribute("data-start"), b.GetAttribute("data-days")));

    [Fact]
    public void The_persons_own_team_shows_a_row_per_colleague_by_name_with_their_items_as_bars_over_three_weeks_and_today_marked()
    {
        var page = RenderTimeline();

        Assert.Equal(["Anna Petrova", "Boris Orlov"], Names(page));
        var days = page.FindAll("[data-testid=timeline-day]");
        Assert.Equal(TeamTimeline.Days, days.Count);
        Assert.Equal(("2026-03-02", "2026-03-22"), (days[0].GetAttribute("data-date"), days[^1].GetAttribute("data-date")));
        Assert.Equal(["2026-03-04"], days.Where(d => d.GetAttribute("data-today") == "true").Select(d => d.GetAttribute("data-date")));
        // Anna's two items of the same day stack; Boris's two-day fair spans two columns; nothing of the south team, nothing after the three weeks.
        Assert.Equal([("Kick-off with Alfa", "2026-03-04", "1"), ("Call Alfa back", "2026-03-04", "1"), ("Trade fair", "2026-03-05", "2")], Bars(page));
        Assert.DoesNotContain("user-", page.Markup, StringComparison.Ordinal);
        Assert.Equal("north", page.FindComponents<RadzenDropDown<string>>()[0].Instance.Value);
    }

    [Fact]
    public async Task Choosing_another_team_or_one_person_shows_only_their_rows_and_a_bar_opens_the_item()
    {
        var page = RenderTimeline();
        var (team, person) = (page.FindComponents<RadzenDropDown<string>>()[0], page.FindComponents<RadzenDropDown<string>>()[1]);

        await page.InvokeAsync(() => person.Instance.ValueChanged.InvokeAsync("user-2"));
        page.WaitForAssertion(() => Assert.Equal(["Boris Orlov"], Names(page)));
        Assert.Equal([("Trade fair", "2026-03-05", "2")], Bars(page));

        await page.InvokeAsync(() => team.Instance.ValueChanged.InvokeAsync("south"));
        page.WaitForAssertion(() => Assert.Equal(["Carl South"], Names(page)));
        Assert.Equal([("South call", "2026-03-04", "1")], Bars(page));

        page.Find("[data-testid=timeline-bar]").Click();

        var (component, parameters) = Assert.Single(_dialogs);
        Assert.Equal((typeof(ItemDetails), "c-south"), (component, parameters[nameof(ItemDetails.ItemId)]));
    }

    [Fact]
    public void The_next_three_weeks_are_a_click_away_and_the_page_speaks_russian()
    {
        UseCulture("ru");
        var page = RenderTimeline();
        Assert.Contains("Команда: 3 недели", page.Markup, StringComparison.Ordinal);

        page.Find("button[data-testid=timeline-next]").Click();

        page.WaitForAssertion(() => Assert.Equal("2026-03-09", page.FindAll("[data-testid=timeline-day]")[0].GetAttribute("data-date")));
        page.WaitForAssertion(() => Assert.Contains(("After three weeks", "2026-03-23", "1"), Bars(page)));
    }
}
