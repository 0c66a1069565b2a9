using System.Globalization;
using CrmSuite.Kpi.Contracts;
using CrmSuite.Testing;
using Npgsql;
using static CrmSuite.Kpi.FunctionalTests.KpiApi;

namespace CrmSuite.Kpi.FunctionalTests;

/// <summary>
/// The overview's funnel reads the deals' stage entries (table funnel_entries), kept on ingest: for
/// a random stream of deal events (moves back and forth between stages, deals re-entering a stage,
/// owners changing team, won deals in the old shape arriving before their creation, duplicates,
/// four deliveries at once) it must answer exactly what the deals' facts say, computed here by the
/// statement the overview ran over the facts before the projection existed, for every period,
/// caller and filter; and the service's rebuild must make the same entries.
/// </summary>
public sealed class OverviewFunnelTests(KpiApi api) : IClassFixture<KpiApi>
{
    private static readonly Guid[] Stages = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
    private static readonly Guid[] Pipelines = [Guid.NewGuid(), Guid.NewGuid()];
    private static readonly (string User, string Team)[] Owners =
        [(KpiUsers.Anna.Id, "team-north"), (KpiUsers.Boris.Id, "team-north"), (KpiUsers.Oleg.Id, "team-south"), (KpiUsers.Oleg.Id, "team-north")];

    [Fact]
    public async Task The_funnel_from_the_stage_entries_is_the_funnel_of_the_deals_facts_for_any_arrival_order()
    {
        var stream = Stream(new Random(20260415), deals: 150);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(stream, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (e, _) =>
            statuses.Add(await api.DeliverAsync(e.Route, e.Id, e.Data)));
        Assert.All(statuses, s => Assert.Equal("SUCCESS", s));
        Assert.True(await api.ScalarAsync("SELECT count(*) FROM funnel_entries") > 150);
        // Deals re-entered a stage within a month, some under another owner: the cases a plain count would get wrong.
        Assert.True(await api.ScalarAsync("""
            SELECT count(*) FROM funnel_entries e
            WHERE date_trunc('month', e.previous_day) = date_trunc('month', e.day)
              AND EXISTS (SELECT 1 FROM funnel_entries p WHERE p.deal_id = e.deal_id AND p.stage_id = e.stage_id AND p.team_id <> e.team_id)
            """) > 0);

        var checkedStages = 0;
        foreach (var period in new[] { "2026-03", "2026-04", "2026-05", "2026-Q1", "2026-Q2" })
        {
            foreach (var (caller, who) in new[] { (api.Director, KpiUsers.Director), (api.As(KpiUsers.HeadOfNorth), KpiUsers.HeadOfNorth), (api.As(KpiUsers.Oleg), KpiUsers.Oleg) })
            {
                foreach (var (team, pipeline) in Filters(who))
                {
                    var request = new GetOverviewRequest { Period = period, TeamId = team ?? "", PipelineId = pipeline ?? "" };
                    var overview = await caller.Results.GetOverviewAsync(request, cancellationToken: Ct);
                    var expected = await FunnelFromFactsAsync(period, who, team, pipeline);
                    Assert.Equal(expected, overview.Funnel.Select(s => $"{s.StageId} {s.DealsEntered} {s.ConversionToNext}").Order().ToList());
                    checkedStages += expected.Count;
                }
            }
        }
        Assert.True(checkedStages > 50, $"only {checkedStages} stages compared");

        var incremental = await EntriesAsync();
        await api.Director.Facts.RebuildProjectionAsync(new RebuildProjectionRequest(), cancellationToken: Ct);
        Assert.Equal(incremental, await EntriesAsync());
    }

    private static IEnumerable<(string? Team, string? Pipeline)> Filters(TestUser who) => who.Id == KpiUsers.Director.Id
        ? [(null, null), ("team-north", null), ("team-south", null), (null, Pipelines[0].ToString()), ("team-north", Pipelines[1].ToString())]
        : who.Id == KpiUsers.HeadOfNorth.Id ? [(null, null), ("team-north", Pipelines[0].ToString())] : [(null, null)];

    private sealed record Delivery(string Route, string Id, object Data);

    /// <summary>Each deal: created at a stage, 0-4 moves among the stages (back, or to its own stage), then perhaps won or lost.</summary>
    private static List<Delivery> Stream(Random random, int deals)
    {
        var distinct = new List<Delivery>();
        var start = new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);
        for (var d = 0; d < deals; d++)
        {
            var deal = Guid.NewGuid();
            var pipeline = Pipelines[random.Next(Pipelines.Length)];
            var owner = Owners[random.Next(Owners.Length)];
            var at = start.AddHours(random.Next(0, 60 * 24));
            var createdAt = at;
            var stage = Stages[random.Next(2)];
            distinct.Add(new Delivery("/events/deal-created", Id(), Created(deal, owner, pipeline, stage, at)));
            for (var m = random.Next(5); m > 0; m--)
            {
                at = at.AddHours(random.Next(1, 24 * 12));
                var from = stage;
                stage = Stages[random.Next(Stages.Length)];
                owner = random.Next(5) == 0 ? Owners[random.Next(Owners.Length)] : owner;
                distinct.Add(new Delivery("/events/deal-stage-changed", Id(), Moved(deal, owner, pipeline, from, stage, at)));
            }
            var close = random.Next(4);
            if (close < 2)
            {
                at = at.AddHours(random.Next(1, 24 * 10));
                var route = close == 0 ? "/events/deal-won" : "/events/deal-lost";
                // The old shape names only the deal: when it arrives first it waits for the creation.
                object data = random.Next(2) == 0
                    ? new { dealId = deal, companyId = Guid.NewGuid(), occurredAt = at }
                    : new { dealId = deal, companyId = Guid.NewGuid(), occurredAt = at, pipelineId = pipeline, ownerUserId = owner.User, teamId = owner.Team,
                        amount = 100m, currency = "RUB", dealCreatedAt = createdAt };
                distinct.Add(new Delivery(route, Id(), data));
            }
        }
        var stream = new List<Delivery>(distinct);
        for (var i = distinct.Count / 10; i > 0; i--)
        {
            stream.Add(distinct[random.Next(distinct.Count)]);
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stream));
        return stream;
    }

    private static string Id() => Guid.NewGuid().ToString();

    private static object Created(Guid deal, (string User, string Team) owner, Guid pipeline, Guid stage, DateTimeOffset at) => new
    {
        dealId = deal, companyId = Guid.NewGuid(), title = "Воронка", pipelineId = pipeline, stageId = stage, ownerUserId = owner.User,
        teamId = owner.Team, amount = 100m, currency = "RUB", leadId = (Guid?)null, occurredAt = at,
    };

    private static object Moved(Guid deal, (string User, string Team) owner, Guid pipeline, Guid from, Guid to, DateTimeOffset at) => new
    {
        dealId = deal, companyId = Guid.NewGuid(), pipelineId = pipeline, fromStageId = from, toStageId = to, ownerUserId = owner.User,
        teamId = owner.Team, amount = 100m, currency = "RUB", occurredAt = at,
    };

    /// <summary>
    /// The funnel as the overview computed it from the facts before funnel_entries (per deal and
    /// stage entered in the period: whether a later move to another stage or a win of the deal
    /// follows its first entry), as "stage entered conversion" lines.
    /// </summary>
    private async Task<List<string>> FunnelFromFactsAsync(string period, TestUser who, string? team, string? pipeline)
    {
        var first = period.Contains('Q', StringComparison.Ordinal)
            ? new DateOnly(2026, (period[^1] - '1') * 3 + 1, 1)
            : DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = first.AddMonths(period.Contains('Q', StringComparison.Ordinal) ? 3 : 1).AddDays(-1);
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            WITH entered AS (
                SELECT f.deal_id, f.stage_id, min(f.occurred_at) AS entered_at
                FROM facts f
                WHERE f.kind IN ('deal-created', 'deal-moved') AND f.day BETWEEN @first AND @last
                  AND f.deal_id IS NOT NULL AND f.user_id IS NOT NULL AND f.stage_id IS NOT NULL
                  AND (@all OR f.user_id = @me OR f.team_id = ANY(@teams))
                  AND (@team::text IS NULL OR f.team_id = @team) AND (@pipeline::text IS NULL OR f.pipeline_id = @pipeline)
                GROUP BY f.deal_id, f.stage_id),
            per_deal AS (
                SELECT e.stage_id, e.deal_id, EXISTS (
                    SELECT 1 FROM facts l WHERE l.deal_id = e.deal_id AND l.kind IN ('deal-moved', 'deal-won') AND l.day >= @first
                      AND l.occurred_at > e.entered_at AND (l.kind = 'deal-won' OR l.stage_id <> e.stage_id)) AS moved_on
                FROM entered e)
            SELECT stage_id, count(*)::int, count(*) FILTER (WHERE moved_on)::int FROM per_deal GROUP BY stage_id
            """, connection);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("last", last);
        command.Parameters.AddWithValue("all", who.Visibility == "all");
        command.Parameters.AddWithValue("me", who.Id);
        command.Parameters.AddWithValue("teams", who.Visibility == "team" ? who.HeadedTeams : Array.Empty<string>());
        command.Parameters.Add(new NpgsqlParameter("team", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)team ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("pipeline", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)pipeline ?? DBNull.Value });
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var (entered, movedOn) = (reader.GetInt32(1), reader.GetInt32(2));
            var percent = Math.Round(100m * movedOn / entered, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
            lines.Add($"{reader.GetString(0)} {entered} {percent}");
        }
        return [.. lines.Order()];
    }

    private async Task<List<string>> EntriesAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT concat_ws('|', fact_id, deal_id, stage_id, day, entered_at, user_id, team_id, pipeline_id, moved_on) FROM funnel_entries ORDER BY fact_id", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
