using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Overview;

/// <summary>
/// One stage entry of a deal (table funnel_entries): a counted deal-created or deal-moved fact
/// with its stage, and whether the deal left that stage after it, i.e. whether any later
/// deal-moved to another stage or deal-won of the same deal exists (counted or not). The
/// overview's funnel reads a period's entries from here instead of joining the deals' facts.
/// </summary>
public sealed class FunnelEntry
{
    /// <summary>The entering fact's id.</summary>
    public Guid FactId { get; set; }
    public Guid DealId { get; set; }
    public string StageId { get; set; } = string.Empty;
    public DateOnly Day { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public string UserId { get; set; } = string.Empty;
    public string? TeamId { get; set; }
    public string? PipelineId { get; set; }
    public bool MovedOn { get; set; }
    /// <summary>
    /// The day of the deal's previous entry into the same stage (by time, then fact id), whoever's;
    /// null for its first. An entry whose previous one lies before a period is the first of its
    /// deal and stage in that period, so the funnel counts it without grouping.
    /// </summary>
    public DateOnly? PreviousDay { get; set; }
}

/// <summary>
/// Keeps funnel_entries equal to what the facts say, whatever order the facts arrive in: each call
/// recomputes every entry of the deals it is given from all their stored facts (an entry's
/// "moved on" depends on the deal's later facts, which may arrive before or after it; an entry
/// appears when a waiting deal-moved fact is completed with its owner). Facts are only added or
/// completed, so an entry never disappears and an upsert per entry suffices.
/// </summary>
public static class FunnelProjection
{
    /// <summary>
    /// Brings the entries of the deals of <paramref name="facts"/> (deal facts newly stored or
    /// completed in the caller's transaction, already saved; other facts are ignored) up to date:
    /// two statements per batch. The first takes the deals' transaction-scoped advisory locks (the
    /// same keys the fact recorder uses, in sorted order; re-entrant when the recorder holds them
    /// already), so two transactions touching one deal apply one after the other and the later one
    /// sees the earlier one's facts; the second upserts the deals' entries, in (deal, fact) order.
    /// </summary>
    public static async Task ApplyAsync(KpiDbContext db, IReadOnlyList<Fact> facts, CancellationToken ct)
    {
        var deals = facts
            .Where(f => f.DealId is not null && f.Kind is FactKinds.DealCreated or FactKinds.DealMoved or FactKinds.DealWon)
            .Select(f => f.DealId!.Value).Distinct().Order().ToArray();
        if (deals.Length == 0)
        {
            return;
        }
        await db.Database.ExecuteSqlRawAsync("""
            SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(d::text, 14) AS k FROM unnest({0}) d ORDER BY k) l
            """, [deals], ct);
        await db.Database.ExecuteSqlRawAsync(Insert + EntriesSql + """
             AND e.deal_id = ANY({0})
            ORDER BY e.deal_id, e.id
            ON CONFLICT (fact_id) DO UPDATE SET
                user_id = excluded.user_id, team_id = excluded.team_id, pipeline_id = excluded.pipeline_id, moved_on = excluded.moved_on,
                previous_day = excluded.previous_day
            WHERE (funnel_entries.user_id, funnel_entries.team_id, funnel_entries.pipeline_id, funnel_entries.moved_on, funnel_entries.previous_day)
                IS DISTINCT FROM (excluded.user_id, excluded.team_id, excluded.pipeline_id, excluded.moved_on, excluded.previous_day)
            """, [deals], ct);
    }

    /// <summary>
    /// Recomputes every entry from all facts, in the caller's transaction; the table is locked
    /// against <see cref="ApplyAsync"/> meanwhile (as the daily projection's rebuild): a fact
    /// stored concurrently is either seen by the recomputation or recomputes its deal after it.
    /// </summary>
    public static async Task<int> RebuildAsync(KpiDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE funnel_entries IN EXCLUSIVE MODE", ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM funnel_entries", ct);
        return await db.Database.ExecuteSqlRawAsync(Insert + EntriesSql, ct);
    }

    private const string Insert = "INSERT INTO funnel_entries (fact_id, deal_id, stage_id, day, entered_at, user_id, team_id, pipeline_id, moved_on, previous_day)\n";

    /// <summary>
    /// The entries the facts make (the callers may add their own deal filter): a
    /// counted deal fact that enters a stage, whether the deal later moved to another stage or was
    /// won, and the day of its previous entry into the stage. Constant text, no parameters.
    /// </summary>
    private const string EntriesSql = """
        SELECT e.id, e.deal_id, e.stage_id, e.day, e.occurred_at, e.user_id, e.team_id, e.pipeline_id,
               EXISTS (SELECT 1 FROM facts x
                       WHERE x.deal_id = e.deal_id AND x.kind IN ('deal-moved', 'deal-won') AND x.occurred_at > e.occurred_at
                         AND (x.kind = 'deal-won' OR x.stage_id <> e.stage_id)),
               lag(e.day) OVER (PARTITION BY e.deal_id, e.stage_id ORDER BY e.occurred_at, e.id)
        FROM facts e
        WHERE e.kind IN ('deal-created', 'deal-moved') AND e.deal_id IS NOT NULL AND e.user_id IS NOT NULL AND e.stage_id IS NOT NULL
        """;
}
