using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.People;
using CrmSuite.Kpi.Api.Schemes;
using CrmSuite.Kpi.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Overview;

/// <summary>
/// The director's overview of a period (GetOverview): a leaderboard per visible person, the
/// funnel with conversion by stage, and the daily trend. Everything comes from projections: the
/// daily figures (leaderboard, trend) and the deals' stage entries (funnel, <see cref="FunnelProjection"/>),
/// read under the caller's visibility (a manager their own, a team head also the teams they head,
/// a director everyone): four statements (sums, people, team names, funnel), whatever the number
/// of people or days, each reading only the period's rows from an index alone.
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

        var filter = new Filter(period, visibility.SeesAll, visibility.UserId, visibility.Scope == ClientVisibility.Team ? [.. visibility.HeadedTeams] : [],
            team, pipeline);
        var sums = await SumsAsync(filter, ct);

        var response = new GetOverviewResponse { Period = period.Code };
        response.Leaderboard.AddRange(await LeaderboardAsync(sums, ct));
        response.Funnel.AddRange(await FunnelAsync(filter, ct));
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

    /// <summary>What the caller sees of the period: everyone, or their own and their headed teams' figures; a team; a pipeline.</summary>
    private sealed record Filter(KpiPeriod Period, bool All, string Me, string[] Teams, string? Team, string? Pipeline);

    /// <summary>A period's sum per person and kind (<see cref="Day"/> null), or per kind and day (<see cref="UserId"/> null).</summary>
    private sealed record Sum(string? UserId, string Kind, DateOnly? Day, int Count, decimal Amount);

    /// <summary>
    /// One pass over the period's projection rows (an index-only scan of ix_daily_figures_day_kind):
    /// the leaderboard's sums per person and kind, and the trend's per kind and day.
    /// </summary>
    private Task<List<Sum>> SumsAsync(Filter f, CancellationToken ct) =>
        db.Database.SqlQuery<Sum>($"""
            SELECT d.user_id, d.kind, d.day, sum(d.count)::int AS count, sum(d.amount) AS amount
            FROM daily_figures d
            WHERE d.day BETWEEN {f.Period.FirstDay} AND {f.Period.LastDay} AND d.kind = ANY({LeaderboardKinds})
              AND ({f.All} OR d.user_id = {f.Me} OR d.team_id = ANY({f.Teams}))
              AND ({f.Team}::text IS NULL OR d.team_id = {f.Team})
              AND ({f.Pipeline}::text IS NULL OR d.pipeline_id = {f.Pipeline} OR d.pipeline_id = '')
            GROUP BY GROUPING SETS ((d.user_id, d.kind), (d.kind, d.day))
            """).ToListAsync(ct);

    /// <summary>Most won first (amount, then deals), then revenue paid, calls, meetings, then by name.</summary>
    private async Task<IEnumerable<LeaderboardRow>> LeaderboardAsync(List<Sum> sums, CancellationToken ct)
    {
        var byPerson = sums.Where(s => s.UserId is not null).GroupBy(s => s.UserId!).ToDictionary(g => g.Key, g => g.ToLookup(s => s.Kind));
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
        var byDay = sums.Where(s => s.Day is not null && TrendKinds.Contains(s.Kind)).ToLookup(s => s.Day!.Value);
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
    private async Task<IEnumerable<FunnelStage>> FunnelAsync(Filter f, CancellationToken ct)
    {
        // The period's stage entries (FunnelProjection), once per deal and stage: its first entry
        // in the period that the caller sees. An entry whose previous one (whoever's) lies before
        // the period is that; one with an earlier entry in the period only when the caller sees
        // none of those. Whether the deal moved on is the first entry's answer (a later entry can
        // only have moved on if it did).
        var stages = await db.Database.SqlQuery<StageRow>($"""
            SELECT e.stage_id, count(*)::int AS entered, count(*) FILTER (WHERE e.moved_on)::int AS moved_on
            FROM funnel_entries e
            WHERE e.day BETWEEN {f.Period.FirstDay} AND {f.Period.LastDay}
              AND ({f.All} OR e.user_id = {f.Me} OR e.team_id = ANY({f.Teams}))
              AND ({f.Team}::text IS NULL OR e.team_id = {f.Team}) AND ({f.Pipeline}::text IS NULL OR e.pipeline_id = {f.Pipeline})
              AND (e.previous_day IS NULL OR e.previous_day < {f.Period.FirstDay} OR NOT EXISTS (
                  SELECT 1 FROM funnel_entries p
                  WHERE p.deal_id = e.deal_id AND p.stage_id = e.stage_id AND p.day >= {f.Period.FirstDay}
                    AND (p.entered_at, p.fact_id) < (e.entered_at, e.fact_id)
                    AND ({f.All} OR p.user_id = {f.Me} OR p.team_id = ANY({f.Teams}))
                    AND ({f.Team}::text IS NULL OR p.team_id = {f.Team}) AND ({f.Pipeline}::text IS NULL OR p.pipeline_id = {f.Pipeline})))
            GROUP BY e.stage_id
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
