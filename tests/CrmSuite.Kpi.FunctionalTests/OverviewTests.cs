using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Kpi.Contracts;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.TestEvents;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// The director's overview of May 2026 (GetOverview over real gRPC and REST): leaderboard sums and
/// order with people's names, the funnel by stage from the deals' moves, the daily trend, and
/// who sees what.
/// </summary>
public sealed class OverviewTests(KpiApi api) : IClassFixture<KpiApi>, IAsyncLifetime
{
    private static readonly DateTimeOffset May5 = new(2026, 5, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Sales = Guid.NewGuid();
    private static readonly Guid Projects = Guid.NewGuid();
    private static readonly Guid Contact = Guid.NewGuid();
    private static readonly Guid Proposal = Guid.NewGuid();
    private static readonly GetOverviewRequest May = new() { Period = "2026-05" };

    /// <summary>Once per class (its tests run one after another on one database): the people and May's events.</summary>
    public async ValueTask InitializeAsync()
    {
        if (await api.ScalarAsync("SELECT count(*) FROM people") > 0)
        {
            return;
        }
        var at = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        await DeliverAsync(PersonChanged(KpiUsers.Anna.Id, "Анна Смирнова", ["SalesManager"], [("team-north", "Север")], at));
        await DeliverAsync(PersonChanged(KpiUsers.Boris.Id, "Борис Петров", ["SalesManager"], [("team-north", "Север")], at));
        await DeliverAsync(PersonChanged(KpiUsers.Oleg.Id, "Олег Иванов", ["SalesManager"], [("team-south", "Юг")], at));

        // Anna: two deals won (100 + 200) and a paid invoice of 150 in May, one won in April (not counted), 2 calls.
        await WonAsync(KpiUsers.Anna.Id, "team-north", 100m, Sales, May5);
        await WonAsync(KpiUsers.Anna.Id, "team-north", 200m, Sales, May5.AddDays(1));
        await WonAsync(KpiUsers.Anna.Id, "team-north", 10_000m, Sales, new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero));
        await DeliverAsync(InvoicePaid(KpiUsers.Anna.Id, 150m, new DateOnly(2026, 5, 7), May5.AddDays(2)));
        await DeliverAsync(CallLogged(KpiUsers.Anna.Id, May5, TimeSpan.FromMinutes(5)));
        await DeliverAsync(CallLogged(KpiUsers.Anna.Id, May5.AddHours(2), TimeSpan.FromMinutes(5)));
        // Boris: one deal of 500 in another pipeline, a meeting.
        await WonAsync(KpiUsers.Boris.Id, "team-north", 500m, Projects, May5);
        await DeliverAsync(MeetingHeld(KpiUsers.Boris.Id, May5));
        // Oleg: one deal of 100, three calls.
        await WonAsync(KpiUsers.Oleg.Id, "team-south", 100m, Sales, May5.AddDays(1));
        for (var i = 0; i < 3; i++)
        {
            await DeliverAsync(CallLogged(KpiUsers.Oleg.Id, May5.AddHours(i), TimeSpan.FromMinutes(1)));
        }

        // The funnel: three deals created in "contact", two moved on to "proposal", one of those won; the third lost.
        for (var i = 0; i < 3; i++)
        {
            var deal = Guid.NewGuid();
            var day = May5.AddDays(10 + i);
            await DeliverAsync(Created(deal, KpiUsers.Anna.Id, Sales, Contact, day));
            if (i < 2)
            {
                await DeliverAsync(Moved(deal, KpiUsers.Anna.Id, Sales, Contact, Proposal, day.AddHours(1)));
            }
            if (i == 0)
            {
                await DeliverAsync(DealClosed(true, deal, KpiUsers.Anna.Id, "team-north", 0m, Sales, day, day.AddHours(2)));
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_leaderboard_sums_each_persons_period_and_ranks_by_won_amount_with_names()
    {
        var overview = await api.Director.Results.GetOverviewAsync(May, cancellationToken: Ct);

        Assert.Equal("2026-05", overview.Period);
        Assert.Equal(["Борис Петров", "Анна Смирнова", "Олег Иванов"], overview.Leaderboard.Select(r => r.PersonName));
        var boris = overview.Leaderboard[0];
        Assert.Equal((1, "500.00", "0.00", 0, 1, "Север"), (boris.DealsWon, boris.WonAmount, boris.RevenuePaid, boris.CallsMade, boris.MeetingsHeld, boris.TeamName));
        var anna = overview.Leaderboard[1];
        // The funnel's won deal (amount 0) counts as a third deal; April's 10,000 does not.
        Assert.Equal((3, "300.00", "150.00", 2, 0, "Север"), (anna.DealsWon, anna.WonAmount, anna.RevenuePaid, anna.CallsMade, anna.MeetingsHeld, anna.TeamName));
        var oleg = overview.Leaderboard[2];
        Assert.Equal((1, "100.00", 3, "Юг"), (oleg.DealsWon, oleg.WonAmount, oleg.CallsMade, oleg.TeamName));
        Assert.All(overview.Leaderboard, r => Assert.Equal("", r.TotalAchievement));

        // Every day of May, the won deals and calls on theirs.
        Assert.Equal(31, overview.Trend.Count);
        var may5 = overview.Trend.Single(t => t.Day == "2026-05-05");
        Assert.Equal((2, "600.00", 5), (may5.DealsWon, may5.WonAmount, may5.CallsMade));
        Assert.Equal(5, overview.Trend.Sum(t => t.DealsWon));
    }

    [Fact]
    public async Task The_funnel_counts_the_deals_entering_each_stage_and_the_share_that_moved_on()
    {
        var overview = await api.Director.Results.GetOverviewAsync(May, cancellationToken: Ct);

        var stages = overview.Funnel.Select(s => (s.StageId, s.DealsEntered, s.ConversionToNext)).ToList();
        Assert.Equal(3, overview.Funnel.Single(s => s.StageId == Contact.ToString()).DealsEntered);
        Assert.Contains((Contact.ToString(), 3, "66.7"), stages);
        Assert.Contains((Proposal.ToString(), 2, "50.0"), stages);
        Assert.All(overview.Funnel, s => Assert.Equal("", s.StageName));
    }

    [Fact]
    public async Task The_pipeline_filter_narrows_the_deals_and_keeps_the_calls()
    {
        var overview = await api.Director.Results.GetOverviewAsync(new GetOverviewRequest(May) { PipelineId = Projects.ToString() }, cancellationToken: Ct);

        var boris = overview.Leaderboard[0];
        Assert.Equal(("Борис Петров", 1, "500.00"), (boris.PersonName, boris.DealsWon, boris.WonAmount));
        var anna = overview.Leaderboard.Single(r => r.UserId == KpiUsers.Anna.Id);
        Assert.Equal((0, "0.00", 2), (anna.DealsWon, anna.WonAmount, anna.CallsMade));
        // Only Boris's deal is in that pipeline: created at its first stage and won from it.
        var stage = Assert.Single(overview.Funnel);
        Assert.Equal((1, "100.0"), (stage.DealsEntered, stage.ConversionToNext));
    }

    [Fact]
    public async Task A_manager_sees_only_their_own_row_and_a_head_only_the_team()
    {
        var anna = api.As(KpiUsers.Anna).Results;
        var own = await anna.GetOverviewAsync(May, cancellationToken: Ct);
        Assert.Equal([KpiUsers.Anna.Id], own.Leaderboard.Select(r => r.UserId));
        Assert.Equal(2, own.Trend.Sum(t => t.CallsMade));
        var team = await RefusedAsync(() => anna.GetOverviewAsync(new GetOverviewRequest(May) { TeamId = "team-north" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, team.StatusCode);

        var head = await api.As(KpiUsers.HeadOfNorth).Results.GetOverviewAsync(May, cancellationToken: Ct);
        Assert.Equal(["Борис Петров", "Анна Смирнова"], head.Leaderboard.Select(r => r.PersonName));
        var south = await api.Director.Results.GetOverviewAsync(new GetOverviewRequest(May) { TeamId = "team-south" }, cancellationToken: Ct);
        Assert.Equal(["Олег Иванов"], south.Leaderboard.Select(r => r.PersonName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("May")]
    public async Task A_bad_period_is_invalid_argument_naming_period(string period)
    {
        var bad = await RefusedAsync(() => api.Director.Results.GetOverviewAsync(new GetOverviewRequest { Period = period }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal("period", bad.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Over_rest_a_bad_period_is_a_400_naming_it_and_without_kpi_read_a_403()
    {
        using var bad = await api.Director.Http.GetAsync("/v1/kpi/overview?period=2026-Q5", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        Assert.Contains("period", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        using var good = await api.Director.Http.GetAsync("/v1/kpi/overview?period=2026-Q2&teamId=team-south", Ct);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var body = await good.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        Assert.Equal("Олег Иванов", body.GetProperty("leaderboard")[0].GetProperty("personName").GetString());

        using var refused = await api.As(KpiUsers.Storekeeper).Http.GetAsync("/v1/kpi/overview?period=2026-05", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private async Task DeliverAsync((string Route, object Data) e) =>
        Assert.Equal("SUCCESS", await api.DeliverAsync(e.Route, Guid.NewGuid().ToString(), e.Data));

    private async Task WonAsync(string owner, string team, decimal amount, Guid pipeline, DateTimeOffset at)
    {
        var deal = Guid.NewGuid();
        await DeliverAsync(DealCreated(deal, owner, team, amount, pipeline, at.AddDays(-3)));
        await DeliverAsync(DealClosed(true, deal, owner, team, amount, pipeline, at.AddDays(-3), at));
    }

    private static (string Route, object Data) Created(Guid deal, string owner, Guid pipeline, Guid stage, DateTimeOffset at) =>
        ("/events/deal-created", new
        {
            dealId = deal, companyId = Guid.NewGuid(), title = "Воронка", pipelineId = pipeline, stageId = stage, ownerUserId = owner, teamId = "team-north",
            amount = 0m, currency = "RUB", leadId = (Guid?)null, occurredAt = at,
        });

    private static (string Route, object Data) Moved(Guid deal, string owner, Guid pipeline, Guid from, Guid to, DateTimeOffset at) =>
        ("/events/deal-stage-changed", new
        {
            dealId = deal, companyId = Guid.NewGuid(), pipelineId = pipeline, fromStageId = from, toStageId = to, ownerUserId = owner,
            teamId = "team-north", amount = 0m, currency = "RUB", occurredAt = at,
        });
}
