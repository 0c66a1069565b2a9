using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.Kpi.Contracts;
using Grpc.Core;
using Npgsql;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;
using static CrmSuite.Kpi.FunctionalTests.ResultsSetup;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// Closing a period keeps everyone's result with the scheme version used (version 1, never changed);
/// a fact for one of its days that arrives later marks it needs-recalculation, and a recalculation adds
/// version 2 with the differences. Only a period that has ended closes, and only once. Audited and published.
/// </summary>
public sealed class PeriodCloseTests(KpiApi api) : IClassFixture<KpiApi>
{
    /// <summary>Anna in her own team under its scheme: 1 200 000 won and 5 calls on the 10th of the month (92 %, bonus 4 600).</summary>
    private async Task<(string Team, string Anna, Api.Schemes.KpiScheme Scheme)> AnnaAsync(DateTimeOffset day)
    {
        var (team, anna) = (NewId("team"), NewId("anna"));
        await api.PersonAsync(anna, "Анна Смирнова", ["SalesManager"], team, "Северный отдел");
        var scheme = await api.SaveSchemeAsync(Draft(team));
        await api.WonAsync(anna, team, 1_200_000m, day);
        await api.CallsAsync(anna, 5, day);
        return (team, anna, scheme);
    }

    private static DateTimeOffset Day10(int year, int month) => new(year, month, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_close_snapshots_every_result_and_a_later_scheme_change_does_not_alter_it()
    {
        var (team, anna, scheme) = await AnnaAsync(Day10(2026, 1));
        await api.CallsAsync(anna, 5, Day10(2026, 2));
        var director = api.Results(KpiUsers.Director);

        var closed = await director.ClosePeriodAsync(new ClosePeriodRequest { Period = "2026-01" }, cancellationToken: Ct);

        Assert.Equal(("2026-01", "closed", 1, "Директор"), (closed.Summary.Period, closed.Summary.Status, closed.Summary.Version, closed.Summary.ClosedBy));
        var version = Assert.Single(closed.Versions);
        Assert.Equal((1, "close", "Директор"), (version.Version, version.Reason, version.CreatedBy));
        Assert.Empty(version.Changes);
        var snapshot = version.Results.Of(anna);
        Assert.Equal((scheme.Id.ToString(), 1, 92m, 4_600m), (snapshot.SchemeId, snapshot.SchemeVersion, Number(snapshot.TotalAchievement), Number(snapshot.Bonus)));
        Assert.Equal(1, await api.ScalarAsync($"SELECT count(*) FROM period_results WHERE period = '2026-01' AND version = 1 AND user_id = '{anna}' AND result->'result'->>'formula' = 'base_salary * total_ach / 1000'"));

        // The director halves the calls plan: February (open) follows, January (closed) keeps its snapshot.
        await api.SaveSchemeAsync(Draft(team, callsPlan: 5m), scheme);
        var january = await director.GetResultsAsync(new GetResultsRequest { Period = "2026-01" }, cancellationToken: Ct);
        Assert.Equal(("closed", 1), (january.Status, january.PeriodVersion));
        var kept = january.Results.Of(anna);
        Assert.Equal((1, "10", 4_600m), (kept.SchemeVersion, kept.Measure("calls_made").Plan, Number(kept.Bonus)));
        var february = (await director.GetResultsAsync(new GetResultsRequest { Period = "2026-02" }, cancellationToken: Ct)).Results.Of(anna);
        Assert.Equal((2, 5m), (february.SchemeVersion, Number(february.Measure("calls_made").Plan)));

        var audit = Assert.Single(await api.AuditAsync("kpi.period.closed"), e => e.GetProperty("entityId").GetString() == "2026-01");
        Assert.Equal((KpiUsers.Director.Id, 1), (audit.GetProperty("actorId").GetString(), audit.GetProperty("after").GetProperty("version").GetInt32()));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'kpi.period-closed' AND payload->>'period' = '2026-01'"));

        var listed = Assert.Single((await director.ListPeriodsAsync(new ListPeriodsRequest(), cancellationToken: Ct)).Periods, p => p.Period == "2026-01");
        Assert.Equal(("closed", 1), (listed.Status, listed.Version));
        Assert.True(listed.People >= 1);
    }

    [Fact]
    public async Task A_period_not_yet_over_is_not_closed_and_a_closed_one_not_twice()
    {
        using var early = await api.Director.Http.PostAsJsonAsync("/v1/kpi/periods/2100-01:close", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var problem = await early.Content.ReadFromJsonAsync<JsonElement>(Json, Ct);
        Assert.Contains("period", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM kpi_periods WHERE period = '2100-01'"));

        var director = api.Results(KpiUsers.Director);
        await director.ClosePeriodAsync(new ClosePeriodRequest { Period = "2025-11" }, cancellationToken: Ct);
        var twice = await RefusedAsync(() => director.ClosePeriodAsync(new ClosePeriodRequest { Period = "2025-11" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        using var again = await api.Director.Http.PostAsJsonAsync("/v1/kpi/periods/2025-11:close", new { }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM period_versions WHERE period = '2025-11'"));

        var manager = await RefusedAsync(() => api.Results(KpiUsers.Anna).ClosePeriodAsync(new ClosePeriodRequest { Period = "2025-10" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, manager.StatusCode);
        var never = await RefusedAsync(() => director.RecalculatePeriodAsync(new RecalculatePeriodRequest { Period = "2025-09" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, never.StatusCode);
    }

    [Fact]
    public async Task A_late_fact_marks_the_period_and_a_recalculation_makes_version_2_with_the_changes()
    {
        var (_, anna, _) = await AnnaAsync(Day10(2026, 4));
        var director = api.Results(KpiUsers.Director);
        await director.ClosePeriodAsync(new ClosePeriodRequest { Period = "2026-04" }, cancellationToken: Ct);
        await api.CallsAsync(anna, 1, Day10(2026, 5));      // May is open: April stays closed
        Assert.Equal("closed", (await director.GetResultsAsync(new GetResultsRequest { Period = "2026-04" }, cancellationToken: Ct)).Status);

        await api.CallsAsync(anna, 1, new DateTimeOffset(2026, 4, 30, 20, 30, 0, TimeSpan.Zero));   // 23:30 on 30 April in Moscow

        var marked = await director.GetResultsAsync(new GetResultsRequest { Period = "2026-04" }, cancellationToken: Ct);
        Assert.Equal(("needs-recalculation", 1), (marked.Status, marked.PeriodVersion));
        Assert.Equal(5m, Number(marked.Results.Of(anna).Measure("calls_made").Fact));   // the snapshot until recalculated
        Assert.Equal("needs-recalculation", Assert.Single((await director.ListPeriodsAsync(new ListPeriodsRequest(), cancellationToken: Ct)).Periods, p => p.Period == "2026-04").Status);

        var period = await director.RecalculatePeriodAsync(new RecalculatePeriodRequest { Period = "2026-04" }, cancellationToken: Ct);

        Assert.Equal(("closed", 2), (period.Summary.Status, period.Summary.Version));
        Assert.Equal([(1, "close"), (2, "recalculation")], period.Versions.Select(v => (v.Version, v.Reason)));
        var changes = period.Versions[1].Changes.Where(c => c.UserId == anna).ToDictionary(c => c.What, c => (Number(c.Before), Number(c.After)));
        Assert.Equal((5m, 6m), changes["calls_made"]);
        Assert.Equal((50m, 60m), changes["calls_made.achievement"]);
        Assert.Equal((92m, 96m), changes["total_achievement"]);
        Assert.Equal((4_600m, 4_800m), changes["bonus"]);
        Assert.DoesNotContain("deals_won_amount", changes.Keys);
        Assert.All(period.Versions[1].Changes, c => Assert.Equal("Анна Смирнова", c.PersonName));

        var now = await director.GetResultsAsync(new GetResultsRequest { Period = "2026-04" }, cancellationToken: Ct);
        Assert.Equal(("closed", 2, 6m), (now.Status, now.PeriodVersion, Number(now.Results.Of(anna).Measure("calls_made").Fact)));
        var audit = Assert.Single(await api.AuditAsync("kpi.period.recalculated"), e => e.GetProperty("entityId").GetString() == "2026-04");
        Assert.Equal(("needs-recalculation", 2), (audit.GetProperty("before").GetProperty("status").GetString(), audit.GetProperty("after").GetProperty("version").GetInt32()));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM outbox_messages WHERE topic = 'kpi.period-recalculated' AND payload->>'period' = '2026-04' AND (payload->>'peopleChanged')::int = 1"));
        // Version 1 is still there as it was.
        Assert.Equal(5m, Number(period.Versions[0].Results.Of(anna).Measure("calls_made").Fact));
    }

    [Fact]
    public async Task Facts_arriving_while_a_period_closes_are_in_its_snapshot_or_mark_it()
    {
        var (_, anna, _) = await AnnaAsync(Day10(2025, 8));
        var director = api.Results(KpiUsers.Director);

        var calls = Enumerable.Range(0, 40).Select(i => Task.Run(() => api.CallsAsync(anna, 1, Day10(2025, 8).AddHours(1 + (i % 10))))).ToList();
        var close = director.ClosePeriodAsync(new ClosePeriodRequest { Period = "2025-08" }, cancellationToken: Ct).ResponseAsync;
        await Task.WhenAll([.. calls, close]);

        var counted = Number((await close).Versions[0].Results.Of(anna).Measure("calls_made").Fact);
        var status = (await director.GetResultsAsync(new GetResultsRequest { Period = "2025-08" }, cancellationToken: Ct)).Status;
        Assert.True(counted == 45m || status == "needs-recalculation", $"The snapshot counted {counted} of 45 calls and the period is {status}.");
        var recalculated = await director.RecalculatePeriodAsync(new RecalculatePeriodRequest { Period = "2025-08" }, cancellationToken: Ct);
        Assert.Equal(45m, Number(recalculated.Versions[^1].Results.Of(anna).Measure("calls_made").Fact));
    }

    [Fact]
    public async Task A_closed_periods_versions_cannot_be_changed_in_the_database()
    {
        await AnnaAsync(Day10(2025, 12));
        await api.Results(KpiUsers.Director).ClosePeriodAsync(new ClosePeriodRequest { Period = "2025-12" }, cancellationToken: Ct);

        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var sql in new[]
        {
            "UPDATE period_results SET result = '{}' WHERE period = '2025-12'",
            "DELETE FROM period_results WHERE period = '2025-12'",
            "UPDATE period_versions SET created_by = 'someone' WHERE period = '2025-12'",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
        }
    }
}
