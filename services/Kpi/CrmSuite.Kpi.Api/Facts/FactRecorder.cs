using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// Stores the facts an event makes and adds them to the daily projection, inside the inbox's
/// transaction (the inbox row, the facts and the figures commit together, once per event id).
/// <para>
/// Owners: a fact whose event names no team takes the person's last known team (from the events
/// that name one). A won or lost deal whose event does not name its owner, pipeline or creation
/// time (clients.deal-won from before the clients service published them) takes them from the
/// deal's deal-created fact; when that has not arrived yet the fact is stored without an owner,
/// listed to directors as unassigned and left out of the figures, and is completed and counted
/// when the deal-created event arrives. Either order gives the same facts and figures.
/// </para>
/// </summary>
public sealed class FactRecorder(KpiDbContext db, KpiCalendar calendar, TimeProvider clock)
{
    internal Task<InboxOutcome> DealCreatedAsync(DealCreatedEvent e, CancellationToken ct) =>
        RecordDealAsync(e.DealId, FactsFromEvents.DealCreated(e), ct);

    internal Task<InboxOutcome> DealMovedAsync(DealStageChangedEvent e, CancellationToken ct) =>
        RecordDealAsync(e.DealId, FactsFromEvents.DealMoved(e), ct);

    internal Task<InboxOutcome> DealClosedAsync(string kind, DealClosedEvent e, CancellationToken ct) =>
        RecordDealAsync(e.DealId, FactsFromEvents.DealClosed(kind, e), ct);

    internal Task<InboxOutcome> RecordAsync(IEnumerable<Fact?> facts, CancellationToken ct) =>
        RecordAsync(facts.OfType<Fact>().ToList(), ct);

    private async Task<InboxOutcome> RecordAsync(List<Fact> facts, CancellationToken ct)
    {
        foreach (var fact in facts)
        {
            await AddAsync(fact, ct);
        }
        return InboxOutcome.Success;
    }

    private async Task<InboxOutcome> RecordDealAsync(Guid dealId, Fact fact, CancellationToken ct)
    {
        // One deal's events one at a time: a won deal and its creation arriving together must
        // each see the other once it has committed.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({dealId.ToString()}, 14))", ct);
        var created = fact.Kind == FactKinds.DealCreated
            ? null
            : await db.Facts.AsNoTracking().Where(f => f.DealId == dealId && f.Kind == FactKinds.DealCreated)
                .OrderBy(f => f.OccurredAt).ThenBy(f => f.Id).FirstOrDefaultAsync(ct);
        if (created is not null)
        {
            CompleteFromCreation(fact, created);
        }
        await AddAsync(fact, ct);
        if (fact.Kind == FactKinds.DealCreated)
        {
            await CompleteWaitingAsync(fact, ct);
        }
        return InboxOutcome.Success;
    }

    /// <summary>The deal's facts that were waiting for what its creation names: completed, and counted from now on.</summary>
    private async Task CompleteWaitingAsync(Fact created, CancellationToken ct)
    {
        var waiting = await db.Facts
            .Where(f => f.DealId == created.DealId && f.Kind != FactKinds.DealCreated
                && (f.UserId == null || f.PipelineId == null || f.Title == "" || ((f.Kind == FactKinds.DealWon || f.Kind == FactKinds.DealLost) && f.StartedAt == null)))
            .ToListAsync(ct);
        foreach (var fact in waiting)
        {
            await DailyProjection.ApplyAsync(db, fact, -1, ct);
            CompleteFromCreation(fact, created);
            await db.SaveChangesAsync(ct);
            await DailyProjection.ApplyAsync(db, fact, 1, ct);
            await Periods.LateFacts.MarkAsync(db, fact, calendar.DayOf(clock.GetUtcNow()), ct);
        }
        await Overview.FunnelProjection.ApplyAsync(db, waiting, ct);
    }

    /// <summary>Fills only what the fact's own event left out; nothing it named is overwritten.</summary>
    private static void CompleteFromCreation(Fact fact, Fact created)
    {
        if (fact.UserId is null)
        {
            fact.UserId = created.UserId;
            fact.TeamId ??= created.TeamId;
        }
        fact.PipelineId ??= created.PipelineId;
        if (fact.Title.Length == 0)
        {
            fact.Title = created.Title;
        }
        if (fact.Kind is FactKinds.DealWon or FactKinds.DealLost && fact.StartedAt is null)
        {
            fact.StartedAt = created.OccurredAt;
            fact.Days = FactsFromEvents.DaysBetween(created.OccurredAt, fact.OccurredAt);
            if (fact.Amount == 0m)
            {
                fact.Amount = created.Amount;
                fact.Currency ??= created.Currency;
            }
        }
    }

    private async Task AddAsync(Fact fact, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        fact.Id = Guid.CreateVersion7(now);
        fact.RecordedAt = now;
        if (fact.Day == default)
        {
            fact.Day = calendar.DayOf(fact.OccurredAt);
        }
        if (fact.UserId is not null)
        {
            if (fact.TeamId is not null)
            {
                await NoteTeamAsync(fact.UserId, fact.TeamId, fact.OccurredAt, ct);
            }
            else
            {
                // The team the person's deals last named, else their first team in identity.
                fact.TeamId = await db.PersonTeams.AsNoTracking().Where(p => p.UserId == fact.UserId).Select(p => p.TeamId).FirstOrDefaultAsync(ct)
                    ?? (await db.People.AsNoTracking().Where(p => p.UserId == fact.UserId).Select(p => p.TeamIds).FirstOrDefaultAsync(ct))?.FirstOrDefault();
            }
        }
        db.Facts.Add(fact);
        await db.SaveChangesAsync(ct);
        await DailyProjection.ApplyAsync(db, fact, 1, ct);
        await Periods.LateFacts.MarkAsync(db, fact, calendar.DayOf(clock.GetUtcNow()), ct);
        await Overview.FunnelProjection.ApplyAsync(db, [fact], ct);
    }

    /// <summary>The person's team as the latest event (by its time) names it.</summary>
    private Task NoteTeamAsync(string userId, string teamId, DateTimeOffset seenAt, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO person_teams (user_id, team_id, seen_at) VALUES ({userId}, {teamId}, {seenAt})
            ON CONFLICT (user_id) DO UPDATE SET team_id = excluded.team_id, seen_at = excluded.seen_at
            WHERE person_teams.seen_at < excluded.seen_at
            """, ct);
}
