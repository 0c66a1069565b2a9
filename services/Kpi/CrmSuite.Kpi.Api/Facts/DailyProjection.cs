using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// The daily projection (table daily_figures): the sum of the counted facts per person, team,
/// day, kind and pipeline. Kept current by adding each fact's contribution in the transaction
/// that stores the fact (an upsert, so concurrent facts of one row add up), and rebuildable from
/// all facts. Facts are only added or completed, so the result does not depend on the order
/// events arrive in, and the inbox applies each event once.
/// </summary>
public static class DailyProjection
{
    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) one counted fact's contribution.</summary>
    public static async Task ApplyAsync(KpiDbContext db, Fact fact, int sign, CancellationToken cancellationToken)
    {
        if (!fact.Counted)
        {
            return;
        }
        var user = fact.UserId!;
        var team = fact.TeamId ?? string.Empty;
        var pipeline = fact.PipelineId ?? string.Empty;
        var amount = sign * fact.Amount;
        var days = sign * fact.Days;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO daily_figures (user_id, team_id, day, kind, pipeline_id, count, amount, days)
            VALUES ({user}, {team}, {fact.Day}, {fact.Kind}, {pipeline}, {sign}, {amount}, {days})
            ON CONFLICT (user_id, team_id, day, kind, pipeline_id) DO UPDATE SET
                count = daily_figures.count + excluded.count,
                amount = daily_figures.amount + excluded.amount,
                days = daily_figures.days + excluded.days
            """, cancellationToken);
        if (sign < 0)
        {
            // A row whose last fact moved elsewhere goes, as a rebuild would not make it.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                DELETE FROM daily_figures
                WHERE user_id = {user} AND team_id = {team} AND day = {fact.Day} AND kind = {fact.Kind} AND pipeline_id = {pipeline} AND count = 0
                """, cancellationToken);
        }
    }

    /// <summary>
    /// Recomputes every row from the facts, in the caller's transaction. The table is locked
    /// against the incremental updates meanwhile: a fact stored concurrently is either seen by the
    /// recomputation (committed before it) or adds its contribution after it.
    /// </summary>
    public static async Task<(int Facts, int Rows)> RebuildAsync(KpiDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE daily_figures IN EXCLUSIVE MODE", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM daily_figures", cancellationToken);
        var rows = await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO daily_figures (user_id, team_id, day, kind, pipeline_id, count, amount, days)
            SELECT user_id, coalesce(team_id, ''), day, kind, coalesce(pipeline_id, ''), count(*), sum(amount), sum(days)
            FROM facts WHERE user_id IS NOT NULL
            GROUP BY user_id, coalesce(team_id, ''), day, kind, coalesce(pipeline_id, '')
            """, cancellationToken);
        var facts = await db.Facts.CountAsync(f => f.UserId != null, cancellationToken);
        return (facts, rows);
    }
}
