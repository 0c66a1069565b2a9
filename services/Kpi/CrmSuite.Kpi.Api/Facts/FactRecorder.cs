using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// Stores the facts a delivery's events make and adds them to the daily projection, inside the
/// inbox's transaction (the inbox rows, the facts and the figures commit together, once per event
/// id). A delivery is a batch (Dapr's bulk subscribe, up to 200 events; a single event is a batch of
/// one) recorded set-based: a constant number of statements whatever its size.
/// <para>
/// Owners: a fact whose event names no team takes the person's last known team (from the events
/// that name one, this batch's included). A won or lost deal whose event does not name its owner,
/// pipeline or creation time (clients.deal-won from before the clients service published them)
/// takes them from the deal's deal-created fact, stored before or in the same batch; when that has
/// not arrived yet the fact is stored without an owner, listed to directors as unassigned and left
/// out of the figures, and is completed and counted when the deal-created event arrives. Either
/// order gives the same facts and figures.
/// </para>
/// </summary>
public sealed class FactRecorder(KpiDbContext db, KpiCalendar calendar, TimeProvider clock)
{
    private static readonly HashSet<string> DealKinds = [FactKinds.DealCreated, FactKinds.DealMoved, FactKinds.DealWon, FactKinds.DealLost];

    /// <summary>The facts of a delivery's newly claimed events.</summary>
    internal Task<InboxOutcome> RecordAsync<TEvent>(IReadOnlyList<InboxEntry<TEvent>> entries, Func<TEvent, IEnumerable<Fact?>> factsOf, CancellationToken ct) =>
        RecordAsync([.. entries.SelectMany(e => factsOf(e.Event)).OfType<Fact>()], ct);

    internal async Task<InboxOutcome> RecordAsync(List<Fact> facts, CancellationToken ct)
    {
        if (facts.Count == 0)
        {
            return InboxOutcome.Success;
        }
        var now = clock.GetUtcNow();
        foreach (var fact in facts)
        {
            fact.Id = Guid.CreateVersion7(now);
            fact.RecordedAt = now;
            if (fact.Day == default)
            {
                fact.Day = calendar.DayOf(fact.OccurredAt);
            }
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var batch = new FactBatchSql(connection, transaction);
        var contributions = new DailyProjection.Contributions();

        var arriving = await CompleteDealsAsync(batch, facts, ct);
        await batch.NoteTeamsAsync(LatestTeams(facts), ct);
        var teamless = facts.Where(f => f.UserId is not null && f.TeamId is null).ToList();
        if (teamless.Count > 0)
        {
            var teams = await batch.TeamsOfAsync([.. teamless.Select(f => f.UserId!).Distinct(StringComparer.Ordinal)], ct);
            teamless.ForEach(f => f.TeamId = teams.GetValueOrDefault(f.UserId!));
        }
        var completed = await CompleteWaitingAsync(arriving, contributions, ct);

        await batch.InsertFactsAsync(facts, ct);
        // The completed waiting facts (tracked).
        await db.SaveChangesAsync(ct);
        facts.ForEach(f => contributions.Add(f, 1));
        completed.ForEach(f => contributions.Add(f, 1));
        await DailyProjection.ApplyAsync(batch, contributions, ct);
        // After the figures (the rebuild's lock order); its deals' locks are held already (CompleteDealsAsync).
        await Overview.FunnelProjection.ApplyAsync(db, [.. facts, .. completed], ct);
        await Periods.LateFacts.MarkAsync(batch, facts.Concat(completed), calendar.DayOf(clock.GetUtcNow()), ct);
        return InboxOutcome.Success;
    }

    /// <summary>
    /// The batch's deal facts completed from their deal's creation (stored before or in this batch);
    /// the batch's creations by deal. One deal's events one at a time: its advisory lock is held to
    /// the commit, so a won deal and its creation in two concurrent deliveries each see the other
    /// once it has committed.
    /// </summary>
    private async Task<Dictionary<Guid, Fact>> CompleteDealsAsync(FactBatchSql batch, List<Fact> facts, CancellationToken ct)
    {
        var deals = facts.Where(f => f.DealId is not null && DealKinds.Contains(f.Kind)).ToList();
        if (deals.Count == 0)
        {
            return [];
        }
        var dealIds = deals.Select(f => f.DealId!.Value).Distinct().ToArray();
        await batch.LockDealsAsync(dealIds, ct);
        var stored = await db.Facts.AsNoTracking()
            .Where(f => f.DealId != null && dealIds.Contains(f.DealId.Value) && f.Kind == FactKinds.DealCreated)
            .ToListAsync(ct);
        var creations = stored.Concat(deals.Where(f => f.Kind == FactKinds.DealCreated))
            .GroupBy(f => f.DealId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f.OccurredAt).ThenBy(f => f.Id).First());
        foreach (var fact in deals.Where(f => f.Kind != FactKinds.DealCreated))
        {
            if (creations.TryGetValue(fact.DealId!.Value, out var created))
            {
                CompleteFromCreation(fact, created);
            }
        }
        return deals.Where(f => f.Kind == FactKinds.DealCreated).GroupBy(f => f.DealId!.Value).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>
    /// The stored facts that were waiting for what a creation in this batch names (its team known by
    /// now): completed, their old contribution taken away; returned, to be counted anew.
    /// </summary>
    private async Task<List<Fact>> CompleteWaitingAsync(Dictionary<Guid, Fact> arriving, DailyProjection.Contributions contributions, CancellationToken ct)
    {
        if (arriving.Count == 0)
        {
            return [];
        }
        var arrivingIds = arriving.Keys.ToArray();
        var waiting = await db.Facts
            .Where(f => f.DealId != null && arrivingIds.Contains(f.DealId.Value) && f.Kind != FactKinds.DealCreated
                && (f.UserId == null || f.PipelineId == null || f.Title == "" || ((f.Kind == FactKinds.DealWon || f.Kind == FactKinds.DealLost) && f.StartedAt == null)))
            .ToListAsync(ct);
        foreach (var fact in waiting)
        {
            contributions.Add(fact, -1);
            CompleteFromCreation(fact, arriving[fact.DealId!.Value]);
        }
        return waiting;
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

    /// <summary>Per person, the team the batch's latest event (by its time) names; the first of equally late ones.</summary>
    private static List<PersonTeam> LatestTeams(List<Fact> facts)
    {
        var latest = new Dictionary<string, PersonTeam>(StringComparer.Ordinal);
        foreach (var fact in facts.Where(f => f.UserId is not null && f.TeamId is not null))
        {
            if (!latest.TryGetValue(fact.UserId!, out var seen) || seen.SeenAt < fact.OccurredAt)
            {
                latest[fact.UserId!] = new PersonTeam { UserId = fact.UserId!, TeamId = fact.TeamId!, SeenAt = fact.OccurredAt };
            }
        }
        return [.. latest.Values.OrderBy(p => p.UserId, StringComparer.Ordinal)];
    }
}
