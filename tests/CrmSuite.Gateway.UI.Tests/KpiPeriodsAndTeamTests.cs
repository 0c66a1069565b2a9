using Bunit;
using CrmSuite.Gateway.UI.Kpi;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Identity.Contracts;
using CrmSuite.Kpi.Contracts;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// Periods: the bonus sheet's download only for kpi.bonus, close and recalculate only for
/// kpi.configure, a recalculation's changes shown by name. The team view: the leaderboard, its
/// filters by team and pipeline name, and a person's figures opened from it.
/// </summary>
public sealed class KpiPeriodsAndTeamTests : KpiTest
{
    public KpiPeriodsAndTeamTests()
    {
        KpiResultsApi.Periods.Add(new PeriodSummary { Period = "2020-01", Status = "needs-recalculation", Version = 1, People = 3, BonusTotal = "45000.00", ClosedBy = "Anna Petrova", ClosedAt = "2020-02-01T09:00:00Z" });
        KpiResultsApi.Periods.Add(new PeriodSummary { Period = "2019-12", Status = "open", People = 3, BonusTotal = "41000.00" });
    }

    [Fact]
    public void The_bonus_sheet_download_is_offered_with_kpi_bonus_only()
    {
        SignInWith(Permissions.KpiRead, Permissions.KpiBonus);
        var page = Render<PeriodsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=kpi-period-download]").Count));
        Assert.Empty(page.FindAll("[data-testid=kpi-period-close]"));
        Assert.Empty(page.FindAll("[data-testid=kpi-period-recalculate]"));

        page.FindAll("[data-testid=kpi-period-download]")[0].Click();

        page.WaitForAssertion(() => Assert.Equal(["2020-01"], KpiResultsApi.Exported));
        var download = Assert.Single(JSInterop.Invocations, i => i.Identifier == "downloadBase64");
        Assert.Equal("bonus-sheet-2020-01.xlsx", download.Arguments[0]);

        SignInWith(Permissions.KpiRead, Permissions.KpiConfigure);
        page = Render<PeriodsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=kpi-period-recalculate]")));
        Assert.Empty(page.FindAll("[data-testid=kpi-period-download]"));
    }

    [Fact]
    public void Closing_an_ended_period_and_recalculating_show_their_outcome_in_the_row_and_the_changes_by_name()
    {
        SignInWith(Permissions.KpiRead, Permissions.KpiConfigure);
        KpiResultsApi.OnClose = period => Calls.Fail<Period>(Calls.Refused("period", "Someone closed it a moment ago."));
        KpiResultsApi.OnRecalculate = period => Calls.Ok(new Period
        {
            Summary = new PeriodSummary { Period = period, Status = "closed", Version = 2 },
            Versions =
            {
                new PeriodVersion { Version = 1, Reason = "close" },
                new PeriodVersion
                {
                    Version = 2, Reason = "recalculation",
                    Changes =
                    {
                        new ResultChange { UserId = "user-9", PersonName = "Boris Orlov", What = "calls_made", Before = "19", After = "20" },
                        new ResultChange { UserId = "user-9", PersonName = "Boris Orlov", What = "bonus", Before = "4500.00", After = "5000.00" },
                    },
                },
            },
        });
        var page = Render<PeriodsPage>();
        page.WaitForElement("[data-testid=kpi-period-close]");
        Assert.Equal(Texts.Kpi.StatusNeedsRecalculation.En, page.FindAll("[data-testid=kpi-period-row-status]")[0].TextContent.Trim());

        page.Find("[data-testid=kpi-period-close]").Click();

        page.WaitForElement("[data-testid=kpi-period-error]");
        Assert.Contains("Someone closed it a moment ago.", page.FindAll("[data-testid=kpi-period-actions]")[1].TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=kpi-period-recalculate]").Click();

        page.WaitForElement("[data-testid=kpi-period-changes]");
        Assert.Contains("version 2", page.FindAll("[data-testid=kpi-period-actions]")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["Calls made", Texts.Kpi.Bonus.En], page.FindAll("[data-testid=kpi-period-change-what]").Select(e => e.TextContent.Trim()));
        Assert.Contains("Boris Orlov", page.Find("[data-testid=kpi-period-changes]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_periods_the_page_says_so()
    {
        KpiResultsApi.Periods.Clear();
        SignInWith(Permissions.KpiRead, Permissions.KpiBonus);

        var page = Render<PeriodsPage>();

        page.WaitForElement("[data-testid=kpi-periods-empty]");
        Assert.Contains(Texts.KpiPeriods.Empty.En, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_view_filters_by_team_and_pipeline_names_and_opens_a_persons_figures_from_the_leaderboard()
    {
        SignInWith(Permissions.KpiRead, Permissions.ClientsRead);
        AdministrationApi.People.Teams.Add(new TeamName { Id = "team-1", Name = "Продажи Москва" });
        PipelinesApi.Stored.Add(new CrmSuite.Clients.Contracts.Pipeline
        {
            Id = "pipe-1", Name = "Опт",
            Stages =
            {
                new CrmSuite.Clients.Contracts.Stage { Id = "st-1", Name = "Квалификация", Position = 1 },
                new CrmSuite.Clients.Contracts.Stage { Id = "st-2", Name = "Переговоры", Position = 2 },
            },
        });
        KpiResultsApi.OnOverview = request => new GetOverviewResponse
        {
            Period = request.Period,
            Leaderboard = { new LeaderboardRow { UserId = "user-1", PersonName = "Anna Petrova", TeamName = "Продажи Москва", DealsWon = 3, CallsMade = 20, WonAmount = "450000.00", TotalAchievement = "87.50" } },
            Funnel =
            {
                // As the KPI service answers: stages by id only, in no particular order; one of a stage since removed.
                new FunnelStage { StageId = "st-gone", DealsEntered = 2, ConversionToNext = "0.00" },
                new FunnelStage { StageId = "st-2", DealsEntered = 6, ConversionToNext = "50.00" },
                new FunnelStage { StageId = "st-1", DealsEntered = 10, ConversionToNext = "60.00" },
            },
        };
        KpiResultsApi.OnResults = request => KpiMyPageTests.Mine(request.Period);
        var page = Render<TeamKpiPage>();
        page.WaitForAssertion(() => Assert.Equal("Anna Petrova", page.Find("[data-testid=kpi-leader-name]").TextContent.Trim()));
        Assert.Equal(["Квалификация", "Переговоры", Texts.KpiTeam.UnknownStage.En], page.FindAll("[data-testid=kpi-stage] td:first-child").Select(e => e.TextContent.Trim()));

        var dropDowns = page.FindComponents<RadzenDropDown<string>>();
        var team = dropDowns.Single(c => c.Markup.Contains("Продажи Москва", StringComparison.Ordinal));
        var pipeline = dropDowns.Single(c => c.Markup.Contains("Опт", StringComparison.Ordinal));
        await page.InvokeAsync(() => team.Instance.ValueChanged.InvokeAsync("team-1"));
        await page.InvokeAsync(() => pipeline.Instance.ValueChanged.InvokeAsync("pipe-1"));

        page.WaitForAssertion(() => Assert.Equal(("team-1", "pipe-1"), (KpiResultsApi.OverviewRequests[^1].TeamId, KpiResultsApi.OverviewRequests[^1].PipelineId)));
        Assert.Equal(("team-1", "pipe-1"), (KpiResultsApi.ResultRequests[^1].TeamId, KpiResultsApi.ResultRequests[^1].PipelineId));

        page.Find("button[data-testid=kpi-leader-total]").Click();

        page.WaitForAssertion(() => Assert.Equal("Anna Petrova", page.Find("[data-testid=kpi-person-name]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=kpi-person] [data-testid=kpi-figure-deals_won_count]"));
    }

    [Fact]
    public void The_team_view_says_so_when_nobody_has_figures()
    {
        SignInWith(Permissions.KpiRead);

        var page = Render<TeamKpiPage>();

        page.WaitForElement("[data-testid=kpi-leaderboard-empty]");
        Assert.Contains(Texts.KpiTeam.NoLeaders.En, page.Markup, StringComparison.Ordinal);
    }
}
