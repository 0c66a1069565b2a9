using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.People;
using CrmSuite.Kpi.Api.Schemes;
using CrmSuite.Kpi.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Overview;

/// <summary>
/// The director's overview of a period (GetOverview): a leaderboard per visible person, the
/// funnel with conversion by stage, and the daily trend. Everything comes from the daily
/// projection (leaderboard, trend) and the deals' moves (funnel), read under the caller's
/// visibility (a manager their own, a team head also the teams they head, a director everyone):
/// three statements, whatever the number of people or days.
/// <para>
/// The pipeline filter narrows deal facts to the pipeline; facts that belong to no pipeline
/// (calls, meetings, paid invoices) keep counting, as in the measures. Stages are known to the
/// KPI only by id (the deal events carry no stage names), so <c>stage_name</c> stays empty and
/// the UI names the stages from the clients service.
/// </para>
/// </summary>
public sealed class OverviewQuery(KpiDbContext db, PersonDirectory people, KpiCalendar calendar, TimeProvider clock)
{
    private static readonly string[] LeaderboardKinds = [FactKinds.DealWon, FactKinds.InvoicePaid, FactKinds.CallMade, FactKinds.MeetingHeld];
    private static readonly string[] TrendKinds = [FactKinds.DealWon, FactKinds.CallMade];

    public async Task<GetOverviewResponse> RunAsync(GetOverviewRequest request, FactVisibility visibility, CancellationToken ct)
    {
        var period = Validate(request);
        if (request.TeamId.Length > 0)
        {
            visibility.CheckTeam(request.TeamId);
        }
        var team = request.TeamId.Length > 0 ? request.TeamId : null;
        var pipeline = request.PipelineId.Length > 0 ? request.PipelineId : null;

        var rows = visibility.Filter(db.DailyFigures.AsNoTracking())
            .Where(r => r.Day >= period.FirstDay && r.Day <= period.LastDay && LeaderboardKinds.Contains(r.Kind));
        if (team is not null)
        {
            rows = rows.Where(r => r.TeamId == team);
        }
        if (pipeline is not null)
        {
            rows = rows.Where(r => r.PipelineId == pipeline || r.PipelineId == "");
        }
        // One pass over the period's rows: per person and kind, and per day for the trend's kinds.
        var sums = await rows
            .GroupBy(r => new { r.UserId, r.Kind, Day = TrendKinds.Contains(r.Kind) ? r.Day : period.FirstDay })
            .Select(g => new Sum(g.Key.UserId, g.Key.Kind, g.Key.Day, g.Sum(r => r.Count), g.Sum(r => r.Amount)))
            .ToListAsync(ct);

        var response = new GetOverviewResponse { Period = period.Code };
        response.Leaderboard.AddRange(await LeaderboardAsync(sums, ct));
        response.Funnel.AddRange(await FunnelAsync(period, visibility, team, pipeline, ct));
        response.Trend.AddRange(Trend(period, sums));
        return response;
    }

    private static KpiPeriod Validate(GetOverviewRequest request)
    {
        var errors = new FieldErrors();
        if (!KpiPeriod.TryParse(request.Period, out var period))
        {
            errors.Add("period", "Required: a month as 2026-03 or a quarter as 2026-Q1.");
        }
        if (request.TeamId.Length > 100)
        {
            errors.Add("team_id", "At most 100 characters.");
        }
        if (request.PipelineId.Length > 100)
        {
            errors.Add("pipeline_id", "At most 100 characters.");
        }
        errors.ThrowIfAny();
        return period!;
    }

    private sealed record Sum(string UserId, string Kind, DateOnly Day, int Count, decimal Amount);

    /// <summary>Most won first (amount, then deals), then revenue paid, calls, meetings, then by name.</summary>
    private async Task<IEnumerable<LeaderboardRow>> LeaderboardAsync(List<Sum> sums, CancellationToken ct)
    {
        var byPerson = sums.GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.ToLookup(s => s.Kind));
        var names = await people.FindAsync(byPerson.Keys, ct);
        return byPerson
            .Select(p => new
            {
                UserId = p.Key,
                Person = names[p.Key],
                Won = p.Value[FactKinds.DealWon].Sum(s => s.Count),
                WonAmount = p.Value[FactKinds.DealWon].Sum(s => s.Amount),
                Paid = p.Value[FactKinds.InvoicePaid].Sum(s => s.Amount),
                Calls = p.Value[FactKinds.CallMade].Sum(s => s.Count),
                Meetings = p.Value[FactKinds.MeetingHeld].Sum(s => s.Count),
            })
            .OrderByDescending(r => r.WonAmount).ThenByDescending(r => r.Won).ThenByDescending(r => r.Paid)
            .ThenByDescending(r => r.Calls).ThenByDescending(r => r.Meetings)
            .ThenBy(r => r.Person.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.UserId, StringComparer.Ordinal)
            .Select(r => new LeaderboardRow
            {
                UserId = r.UserId, PersonName = r.Person.Name, TeamName = r.Person.TeamName, DealsWon = r.Won, WonAmount = Money(r.WonAmount),
                RevenuePaid = Money(r.Paid), CallsMade = r.Calls, MeetingsHeld = r.Meetings, TotalAchievement = string.Empty,
            });
    }

    /// <summary>Every day of the period up to today (company time zone), days without figures as zeros.</summary>
    private IEnumerable<TrendPoint> Trend(KpiPeriod period, List<Sum> sums)
    {
        var today = calendar.DayOf(clock.GetUtcNow());
        var last = period.LastDay < today ? period.LastDay : today;
        var byDay = sums.Where(s => TrendKinds.Contains(s.Kind)).ToLookup(s => s.Day);
        for (var day = period.FirstDay; day <= last; day = day.AddDays(1))
        {
            var won = byDay[day].Where(s => s.Kind == FactKinds.DealWon).ToList();
            yield return new TrendPoint
            {
                Day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DealsWon = won.Sum(s => s.Count), WonAmount = Money(won.Sum(s => s.Amount)),
                CallsMade = byDay[day].Where(s => s.Kind == FactKinds.CallMade).Sum(s => s.Count),
            };
        }
    }

    private sealed record StageRow(string StageId, int Entered, int MovedOn);

    /// <summary>
    /// Per stage: the deals that entered it in the period (created in it, or moved into it), and
    /// how many of those left it later (moved to another stage, or won). Largest stage first.
    /// </summary>
    private async Task<IEnumerable<FunnelStage>> FunnelAsync(KpiPeriod period, FactVisibility visibility, string? team, string? pipeline,
        CancellationToken ct)
    {
        var all = visibility.SeesAll;
        var me = visibility.UserId;
        var teams = visibility.HeadedTeams.ToArray();
        // Per deal and stage entered in the period: whether a later move to another stage or a win
        // follows (a hash join over the deal facts from the period's first day on, both read from
        // the covering index ix_facts_kind_day; one entry per deal and stage).
        var stages = await db.Database.SqlQuery<StageRow>($"""
            WITH entered AS (
                SELECT f.deal_id, f.stage_id, min(f.occurred_at) AS entered_at
                FROM facts f
                WHERE f.kind IN ('deal-created', 'deal-moved') AND f.day BETWEEN {period.FirstDay} AND {period.LastDay}
                  AND f.deal_id IS NOT NULL AND f.user_id IS NOT NULL AND f.stage_id IS NOT NULL
                  AND ({all} OR f.user_id = {me} OR f.team_id = ANY({teams}))
                  AND ({team}::text IS NULL OR f.team_id = {team})
                  AND ({pipeline}::text IS NULL OR f.pipeline_id = {pipeline})
                GROUP BY f.deal_id, f.stage_id),
            later AS (
                SELECT n.deal_id, n.kind, n.stage_id, n.occurred_at FROM facts n
                WHERE n.kind IN ('deal-moved', 'deal-won') AND n.day >= {period.FirstDay} AND n.deal_id IS NOT NULL
                  AND n.deal_id IN (SELECT deal_id FROM entered)),
            per_deal AS (
                SELECT e.stage_id, e.deal_id, bool_or(l.deal_id IS NOT NULL) AS moved_on
                FROM entered e
                LEFT JOIN later l ON l.deal_id = e.deal_id AND l.occurred_at > e.entered_at
                    AND (l.kind = 'deal-won' OR l.stage_id <> e.stage_id)
                GROUP BY e.stage_id, e.deal_id)
            SELECT stage_id, count(*)::int AS entered, count(*) FILTER (WHERE moved_on)::int AS moved_on
            FROM per_deal
            GROUP BY stage_id
            """).ToListAsync(ct);
        return stages
            .OrderByDescending(s => s.Entered).ThenBy(s => s.StageId, StringComparer.Ordinal)
            .Select(s => new FunnelStage
            {
                StageId = s.StageId, StageName = string.Empty, DealsEntered = s.Entered,
                ConversionToNext = Percent(s.MovedOn, s.Entered),
            });
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) =>
        whole == 0 ? string.Empty : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
}
