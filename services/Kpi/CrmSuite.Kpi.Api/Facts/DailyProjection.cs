using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// The daily projection (table daily_figures): the sum of the counted facts per person, team,
/// day, kind and pipeline. Kept current by adding a batch's summed contributions in the transaction
/// that stores its facts (an upsert, so concurrent batches of one row add up), and rebuildable from
/// all facts. Facts are only added or completed, so the result does not depend on the order
/// events arrive in, and the inbox applies each event once.
/// </summary>
public static class DailyProjection
{
    /// <summary>A batch's contributions summed per row: each row is upserted once.</summary>
    public sealed class Contributions
    {
        private readonly Dictionary<(string User, string Team, DateOnly Day, string Kind, string Pipeline), (int Count, decimal Amount, decimal Days, bool Taken)> _rows = [];

        /// <summary>Adds (<paramref name="sign"/> 1) or takes away (-1) one counted fact's contribution.</summary>
        public void Add(Fact fact, int sign)
        {
            if (!fact.Counted)
            {
                return;
            }
            var key = (fact.UserId!, fact.TeamId ?? string.Empty, fact.Day, fact.Kind, fact.PipelineId ?? string.Empty);
            var row = _rows.GetValueOrDefault(key);
            _rows[key] = (row.Count + sign, row.Amount + sign * fact.Amount, row.Days + sign * fact.Days, row.Taken || sign < 0);
        }

        /// <summary>The rows that change, sorted by key (concurrent batches lock shared rows in one order).</summary>
        public List<((string User, string Team, DateOnly Day, string Kind, string Pipeline) Key, (int Count, decimal Amount, decimal Days, bool Taken) Sum)> Rows() =>
            [.. _rows.Where(r => r.Value.Count != 0 || r.Value.Amount != 0m || r.Value.Days != 0m || r.Value.Taken)
                .Select(r => (r.Key, r.Value))
                .OrderBy(r => r.Key.User, StringComparer.Ordinal).ThenBy(r => r.Key.Team, StringComparer.Ordinal).ThenBy(r => r.Key.Day)
                .ThenBy(r => r.Key.Kind, StringComparer.Ordinal).ThenBy(r => r.Key.Pipeline, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Applies a batch's summed contributions with one upsert (an upsert, so concurrent batches of one
    /// row add up), then removes the rows whose last fact moved elsewhere, as a rebuild would not make them.
    /// </summary>
    internal static async Task ApplyAsync(FactBatchSql batch, Contributions contributions, CancellationToken cancellationToken)
    {
        var rows = contributions.Rows();
        if (rows.Count == 0)
        {
            return;
        }
        await batch.ExecuteAsync("""
            INSERT INTO daily_figures (user_id, team_id, day, kind, pipeline_id, count, amount, days)
            SELECT user_id, team_id, day, kind, pipeline_id, count, amount, days
            FROM unnest(@users::text[], @teams::text[], @days::date[], @kinds::text[], @pipelines::text[], @counts::int[], @amounts::numeric[], @lengths::numeric[])
                WITH ORDINALITY AS r(user_id, team_id, day, kind, pipeline_id, count, amount, days, n)
            ORDER BY n
            ON CONFLICT (user_id, team_id, day, kind, pipeline_id) DO UPDATE SET
                count = daily_figures.count + excluded.count,
                amount = daily_figures.amount + excluded.amount,
                days = daily_figures.days + excluded.days
            """, cancellationToken,
            ("users", rows.Select(r => r.Key.User).ToArray()),
            ("teams", rows.Select(r => r.Key.Team).ToArray()),
            ("days", rows.Select(r => r.Key.Day).ToArray()),
            ("kinds", rows.Select(r => r.Key.Kind).ToArray()),
            ("pipelines", rows.Select(r => r.Key.Pipeline).ToArray()),
            ("counts", rows.Select(r => r.Sum.Count).ToArray()),
            ("amounts", rows.Select(r => r.Sum.Amount).ToArray()),
            ("lengths", rows.Select(r => r.Sum.Days).ToArray()));
        var taken = rows.Where(r => r.Sum.Taken).ToList();
        if (taken.Count > 0)
        {
            await batch.ExecuteAsync("""
                DELETE FROM daily_figures f USING unnest(@users::text[], @teams::text[], @days::date[], @kinds::text[], @pipelines::text[]) AS r(user_id, team_id, day, kind, pipeline_id)
                WHERE f.user_id = r.user_id AND f.team_id = r.team_id AND f.day = r.day AND f.kind = r.kind AND f.pipeline_id = r.pipeline_id AND f.count = 0
                """, cancellationToken,
                ("users", taken.Select(r => r.Key.User).ToArray()),
                ("teams", taken.Select(r => r.Key.Team).ToArray()),
                ("days", taken.Select(r => r.Key.Day).ToArray()),
                ("kinds", taken.Select(r => r.Key.Kind).ToArray()),
                ("pipelines", taken.Select(r => r.Key.Pipeline).ToArray()));
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
