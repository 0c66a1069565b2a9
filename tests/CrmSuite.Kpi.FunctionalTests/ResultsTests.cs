using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Kpi.Contracts;
using Grpc.Core;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.ResultsSetup;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// An open period's results are computed now from the daily projection under the scheme that applies
/// to each person (achievement per measure, weighted total, the formula's bonus); people with figures
/// but no scheme are named; a manager sees only their own result, a head the team's, kpi.bonus everyone's.
/// </summary>
public sealed class ResultsTests(KpiApi api) : IClassFixture<KpiApi>
{
    private static readonly DateTimeOffset March10 = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private sealed record Team(string Id, string Anna, string Boris, string Galina);

    /// <summary>
    /// Anna (1 200 000 won, 5 calls) and Boris (12 calls) in a team with a scheme; Galina, an accountant in
    /// another team without one, logged 3 calls. All in March 2026.
    /// </summary>
    private async Task<Team> MarchAsync()
    {
        var team = new Team(NewId("team"), NewId("anna"), NewId("boris"), NewId("galina"));
        var elsewhere = NewId("team");
        await api.PersonAsync(team.Anna, "Анна Смирнова", ["SalesManager"], team.Id, "Северный отдел");
        await api.PersonAsync(team.Boris, "Борис Петров", ["SalesManager"], team.Id, "Северный отдел");
        await api.PersonAsync(team.Galina, "Галина Орлова", ["Accountant"], elsewhere, "Бухгалтерия");
        await api.SaveSchemeAsync(Draft(team.Id));
        await api.WonAsync(team.Anna, team.Id, 1_200_000m, March10);
        await api.CallsAsync(team.Anna, 5, March10);
        await api.CallsAsync(team.Boris, 12, March10);
        await api.CallsAsync(team.Galina, 3, March10);
        return team;
    }

    [Fact]
    public async Task An_open_periods_results_follow_the_scheme_and_people_without_one_are_named()
    {
        var team = await MarchAsync();

        var answer = await api.Results(KpiUsers.Director).GetResultsAsync(new GetResultsRequest { Period = "2026-03" }, cancellationToken: Ct);

        Assert.Equal(("2026-03", "open", 0), (answer.Period, answer.Status, answer.PeriodVersion));
        var anna = answer.Results.Of(team.Anna);
        Assert.Equal(("Анна Смирнова", "Северный отдел", "Продажи " + team.Id, 1), (anna.PersonName, anna.TeamName, anna.SchemeName, anna.SchemeVersion));
        var won = anna.Measure("deals_won_amount");
        Assert.Equal((1_200_000m, 1_000_000m, 60m, 120m), (Number(won.Fact), Number(won.Plan), Number(won.Weight), Number(won.Achievement)));
        Assert.Equal(("money", "Deals won, amount"), (won.Unit, won.MeasureName));
        var calls = anna.Measure("calls_made");
        Assert.Equal((5m, 50m), (Number(calls.Fact), Number(calls.Achievement)));
        // (120 × 60 + 50 × 40) ÷ 100 = 92 %; bonus 50 000 × 92 ÷ 1000.
        Assert.Equal((92m, 50_000m, 4_600m), (Number(anna.TotalAchievement), Number(anna.BaseSalary), Number(anna.Bonus)));

        var boris = answer.Results.Of(team.Boris);
        Assert.Equal(0m, Number(boris.Measure("deals_won_amount").Achievement));      // nothing won: below the 50 % minimum
        Assert.Equal(120m, Number(boris.Measure("calls_made").Achievement));
        Assert.Equal((48m, 2_400m), (Number(boris.TotalAchievement), Number(boris.Bonus)));

        Assert.DoesNotContain(answer.Results, r => r.UserId == team.Galina);
        Assert.Contains("Галина Орлова", answer.PeopleWithoutScheme);

        var byTeam = await api.Results(KpiUsers.Director).GetResultsAsync(new GetResultsRequest { Period = "2026-03", TeamId = team.Id }, cancellationToken: Ct);
        Assert.Equal(new[] { team.Anna, team.Boris }.Order(), byTeam.Results.Select(r => r.UserId).Order());
    }

    [Fact]
    public async Task A_pipeline_narrows_the_deals_and_keeps_the_calls()
    {
        var team = await MarchAsync();
        var pipeline = Guid.NewGuid();
        await api.WonAsync(team.Boris, team.Id, 700_000m, March10, pipeline);

        var all = (await api.Results(KpiUsers.Director).GetResultsAsync(new GetResultsRequest { Period = "2026-03", UserId = team.Boris }, cancellationToken: Ct)).Results.Of(team.Boris);
        var other = (await api.Results(KpiUsers.Director).GetResultsAsync(
            new GetResultsRequest { Period = "2026-03", UserId = team.Boris, PipelineId = Guid.NewGuid().ToString() }, cancellationToken: Ct)).Results.Of(team.Boris);

        Assert.Equal(700_000m, Number(all.Measure("deals_won_amount").Fact));
        Assert.Equal(0m, Number(other.Measure("deals_won_amount").Fact));
        Assert.Equal(12m, Number(other.Measure("calls_made").Fact));
    }

    [Fact]
    public async Task A_manager_sees_only_their_own_result_a_head_the_teams_and_kpi_bonus_everyones()
    {
        var team = await MarchAsync();
        var anna = api.Results(Manager(team.Anna, "Анна Смирнова", team.Id));

        var own = await anna.GetResultsAsync(new GetResultsRequest { Period = "2026-03" }, cancellationToken: Ct);
        Assert.Equal([team.Anna], own.Results.Select(r => r.UserId));
        Assert.Empty(own.PeopleWithoutScheme);
        var refused = await RefusedAsync(() => anna.GetResultsAsync(new GetResultsRequest { Period = "2026-03", UserId = team.Boris }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var teamRefused = await RefusedAsync(() => anna.GetResultsAsync(new GetResultsRequest { Period = "2026-03", TeamId = team.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, teamRefused.StatusCode);

        var head = await api.Results(Head(team.Id)).GetResultsAsync(new GetResultsRequest { Period = "2026-03" }, cancellationToken: Ct);
        Assert.Equal(new[] { team.Anna, team.Boris }.Order(), head.Results.Select(r => r.UserId).Order());
        Assert.DoesNotContain("Галина Орлова", head.PeopleWithoutScheme);

        var accountant = await api.Results(Accountant).GetResultsAsync(new GetResultsRequest { Period = "2026-03" }, cancellationToken: Ct);
        Assert.Contains(accountant.Results, r => r.UserId == team.Anna);
        Assert.Contains(accountant.Results, r => r.UserId == team.Boris);
        Assert.Contains("Галина Орлова", accountant.PeopleWithoutScheme);
    }

    [Fact]
    public async Task The_periods_list_offers_last_month_open_and_sums_only_what_the_caller_sees()
    {
        var moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, moscow).DateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        var (team, anna) = (NewId("team"), NewId("anna"));
        await api.PersonAsync(anna, "Анна Смирнова", ["SalesManager"], team, "Северный отдел");
        await api.SaveSchemeAsync(Draft(team));
        var day = new DateTimeOffset(lastMonth.Year, lastMonth.Month, 10, 9, 0, 0, TimeSpan.Zero);
        await api.WonAsync(anna, team, 1_200_000m, day);
        await api.CallsAsync(anna, 5, day);

        var own = (await api.Results(Manager(anna, "Анна Смирнова", team)).ListPeriodsAsync(new ListPeriodsRequest(), cancellationToken: Ct)).Periods;
        var last = Assert.Single(own, p => p.Period == lastMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("open", 0, 1, 4_600m), (last.Status, last.Version, last.People, Number(last.BonusTotal)));
        Assert.Contains(own, p => p.Period == thisMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) && p.Status == "open");

        var all = Assert.Single((await api.Results(KpiUsers.Director).ListPeriodsAsync(new ListPeriodsRequest(), cancellationToken: Ct)).Periods, p => p.Period == last.Period);
        Assert.True(all.People >= 1 && Number(all.BonusTotal) >= 4_600m);
    }

    [Theory]
    [InlineData("GET", "/v1/kpi/results", "period")]
    [InlineData("GET", "/v1/kpi/results?period=2026-13", "period")]
    [InlineData("GET", "/v1/kpi/results?period=2026-Q5", "period")]
    [InlineData("GET", "/v1/kpi/results?period=march", "period")]
    [InlineData("GET", "/v1/kpi/results?period=0000-01", "period")]
    [InlineData("GET", "/v1/kpi/periods/2026-00", "period")]
    [InlineData("POST", "/v1/kpi/periods/9999-12:close", "period")]
    [InlineData("POST", "/v1/kpi/periods/2026-1:recalculate", "period")]
    public async Task Bad_input_is_a_400_naming_the_field(string method, string url, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
        }
        using var response = await api.Director.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}
