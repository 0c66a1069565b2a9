using System.Text.Json;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.Results;
using CrmSuite.Kpi.Api.Schemes;
using CrmSuite.Kpi.Contracts.Events;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmSuite.Kpi.Api.Periods;

/// <summary>A closed period's version as stored: who made it and why, everyone's results and the people without a scheme.</summary>
public sealed record StoredVersion(PeriodVersionRow Row, IReadOnlyList<PeriodPersonResult> Results, IReadOnlyList<UnschemedPerson> WithoutScheme);

/// <summary>
/// Closes and recalculates periods and reads their versions. A close snapshots every person's
/// result as version 1; a recalculation adds the next version computed now. Versions and their
/// results are only ever inserted (a trigger refuses changing them). Both lock daily_figures against
/// the facts' upserts while they compute (as the projection's rebuild does), so a fact is either in
/// the version or marks the period needs-recalculation (<see cref="LateFacts"/>). Each is audited
/// and publishes its event through the outbox, in the same transaction.
/// </summary>
public sealed class PeriodLedger(KpiDbContext db, PeriodResults results, KpiCalendar calendar, TimeProvider clock)
{
    public const string ClosedAction = "kpi.period.closed";
    public const string RecalculatedAction = "kpi.period.recalculated";

    /// <summary>Whether the period's last day is over in the company's time zone.</summary>
    public bool HasEnded(KpiPeriod period) => calendar.DayOf(clock.GetUtcNow()) > period.LastDay;

    /// <summary>Today's month in the company's time zone.</summary>
    public KpiPeriod CurrentMonth => KpiPeriod.Containing(calendar.DayOf(clock.GetUtcNow()), PeriodKind.Month);

    public Task<KpiPeriodRow> CloseAsync(KpiPeriod period, HttpContext http, CancellationToken ct)
    {
        if (!HasEnded(period))
        {
            throw new StateConflictException("period",
                $"{period.Code} has not ended yet: it runs to {period.LastDay:yyyy-MM-dd} in the company's time zone; it can be closed from the next day.");
        }
        return InTransactionAsync(period, async () =>
        {
            if (await db.Periods.AnyAsync(p => p.Period == period.Code, ct))
            {
                throw AlreadyClosed(period);
            }
            var computed = await results.ComputeAsync(period, null, null, ct);
            var now = clock.GetUtcNow();
            var (actorId, actorName) = Actor(http);
            var row = new KpiPeriodRow
            {
                Period = period.Code, FirstDay = period.FirstDay, LastDay = period.LastDay, Status = PeriodStatus.Closed, Version = 1,
                ClosedAt = now, ClosedById = actorId, ClosedBy = actorName,
            };
            db.Periods.Add(row);
            AddVersion(period, 1, PeriodReasons.Close, computed, now, actorId, actorName);
            var bonusTotal = BonusTotal(computed.Results);
            db.Audit(AuditEvent.From(http, now, ClosedAction, "kpi-period", period.Code,
                after: new { status = row.Status, version = 1, people = computed.Results.Count, bonusTotal },
                details: new { schemes = SchemesUsed(computed.Results), withoutScheme = computed.WithoutScheme.Select(p => p.UserId) }));
            db.Enqueue(PeriodClosed.Topic, new PeriodClosed(period.Code, 1, computed.Results.Count, bonusTotal, actorId, actorName, now), now);
            return row;
        }, ct);
    }

    public Task<(KpiPeriodRow Row, int PeopleChanged)> RecalculateAsync(KpiPeriod period, HttpContext http, CancellationToken ct) =>
        InTransactionAsync(period, async () =>
        {
            var row = await db.Periods.SingleOrDefaultAsync(p => p.Period == period.Code, ct)
                ?? throw new StateConflictException("period", $"{period.Code} is not closed; close it first.");
            var previous = (await ResultsAsync(period.Code, row.Version, ct)).ToDictionary(r => r.UserId, StringComparer.Ordinal);
            var computed = await results.ComputeAsync(period, null, null, ct);
            var changed = computed.Results.Select(r => r.UserId).Concat(previous.Keys).Distinct(StringComparer.Ordinal)
                .Count(u => ResultChanges.Between(previous.GetValueOrDefault(u), computed.Results.FirstOrDefault(r => r.UserId == u)).Count > 0);
            var now = clock.GetUtcNow();
            var (actorId, actorName) = Actor(http);
            var before = new { status = row.Status, version = row.Version };
            row.Version += 1;
            row.Status = PeriodStatus.Closed;
            AddVersion(period, row.Version, PeriodReasons.Recalculation, computed, now, actorId, actorName);
            var bonusTotal = BonusTotal(computed.Results);
            db.Audit(AuditEvent.From(http, now, RecalculatedAction, "kpi-period", period.Code, before: before,
                after: new { status = row.Status, version = row.Version, people = computed.Results.Count, bonusTotal },
                details: new { peopleChanged = changed, schemes = SchemesUsed(computed.Results) }));
            db.Enqueue(PeriodRecalculated.Topic,
                new PeriodRecalculated(period.Code, row.Version, computed.Results.Count, bonusTotal, changed, actorId, actorName, now), now);
            return (row, changed);
        }, ct);

    /// <summary>The months not closed that a list of periods offers: this month and the last twelve months with figures, newest first.</summary>
    public async Task<IReadOnlyList<KpiPeriod>> OpenMonthsAsync(CancellationToken ct)
    {
        var current = CurrentMonth;
        var from = current.FirstDay.AddMonths(-12);
        var months = await db.Database
            .SqlQuery<DateOnly>($"SELECT DISTINCT date_trunc('month', day)::date AS \"Value\" FROM daily_figures WHERE day >= {from} AND day <= {current.LastDay}")
            .ToListAsync(ct);
        var closed = await db.Periods.AsNoTracking().Select(p => p.Period).ToListAsync(ct);
        return [.. months.Select(m => KpiPeriod.Month(m.Year, m.Month)).Append(current).DistinctBy(p => p.Code)
            .Where(p => !closed.Contains(p.Code)).OrderByDescending(p => p.FirstDay)];
    }

    public Task<KpiPeriodRow?> FindAsync(string period, CancellationToken ct) =>
        db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Period == period, ct);

    /// <summary>Every version of a period, oldest first, with its results.</summary>
    public async Task<IReadOnlyList<StoredVersion>> VersionsAsync(string period, CancellationToken ct)
    {
        var versions = await db.PeriodVersions.AsNoTracking().Where(v => v.Period == period).OrderBy(v => v.Version).ToListAsync(ct);
        var rows = await db.PeriodResults.AsNoTracking().Where(r => r.Period == period).ToListAsync(ct);
        var byVersion = rows.GroupBy(r => r.Version).ToDictionary(g => g.Key, g => Ordered(g.Select(r => PeriodPersonResult.Deserialize(r.Result))));
        return [.. versions.Select(v => new StoredVersion(v, byVersion.GetValueOrDefault(v.Version) ?? [], Unschemed(v)))];
    }

    /// <summary>One version of a period.</summary>
    public async Task<StoredVersion?> VersionAsync(string period, int version, CancellationToken ct)
    {
        var row = await db.PeriodVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Period == period && v.Version == version, ct);
        return row is null ? null : new StoredVersion(row, await ResultsAsync(period, version, ct), Unschemed(row));
    }

    /// <summary>Every closed period with its latest version's results, newest first.</summary>
    public async Task<IReadOnlyList<(KpiPeriodRow Period, IReadOnlyList<PeriodPersonResult> Results)>> LatestAsync(CancellationToken ct)
    {
        var periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.LastDay).ThenBy(p => p.FirstDay).ToListAsync(ct);
        var rows = await db.PeriodResults.AsNoTracking()
            .Where(r => db.Periods.Any(p => p.Period == r.Period && p.Version == r.Version))
            .ToListAsync(ct);
        var byPeriod = rows.ToLookup(r => r.Period);
        return [.. periods.Select(p => (p, (IReadOnlyList<PeriodPersonResult>)[.. byPeriod[p.Period].Select(r => PeriodPersonResult.Deserialize(r.Result))]))];
    }

    private async Task<IReadOnlyList<PeriodPersonResult>> ResultsAsync(string period, int version, CancellationToken ct) =>
        Ordered((await db.PeriodResults.AsNoTracking().Where(r => r.Period == period && r.Version == version).ToListAsync(ct))
            .Select(r => PeriodPersonResult.Deserialize(r.Result)));

    private static List<PeriodPersonResult> Ordered(IEnumerable<PeriodPersonResult> results) =>
        [.. results.OrderBy(r => r.Result.PersonName, StringComparer.CurrentCulture).ThenBy(r => r.UserId, StringComparer.Ordinal)];

    private static IReadOnlyList<UnschemedPerson> Unschemed(PeriodVersionRow row) =>
        JsonSerializer.Deserialize<List<UnschemedPerson>>(row.WithoutScheme, PeriodPersonResult.Json) ?? [];

    private void AddVersion(KpiPeriod period, int version, string reason, ComputedResults computed, DateTimeOffset now, string actorId, string actorName)
    {
        db.PeriodVersions.Add(new PeriodVersionRow
        {
            Period = period.Code, Version = version, Reason = reason, CreatedAt = now, CreatedById = actorId, CreatedBy = actorName,
            WithoutScheme = JsonSerializer.Serialize(computed.WithoutScheme, PeriodPersonResult.Json),
        });
        db.PeriodResults.AddRange(computed.Results.Select(r => new PeriodResultRow { Period = period.Code, Version = version, UserId = r.UserId, Result = r.Serialize() }));
    }

    private async Task<T> InTransactionAsync<T>(KpiPeriod period, Func<Task<T>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Facts wait for the snapshot (they take ROW EXCLUSIVE on daily_figures); concurrent closes do not wait for each other.
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE daily_figures IN SHARE MODE", ct);
            var outcome = await work();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Someone else closed or recalculated the period at the same moment.
                throw AlreadyClosed(period);
            }
            await transaction.CommitAsync(ct);
            return outcome;
        });
    }

    private static RpcException AlreadyClosed(KpiPeriod period) =>
        new(new Status(StatusCode.AlreadyExists, $"{period.Code} is already closed (or was just recalculated by someone else); reload it."));

    private static (string Id, string Name) Actor(HttpContext http)
    {
        var id = http.User.UserId() ?? "anonymous";
        return (id, http.User.FindFirst(CrmClaims.Name)?.Value is { Length: > 0 } name ? name : id);
    }

    internal static decimal BonusTotal(IEnumerable<PeriodPersonResult> results) => results.Sum(r => r.Result.Bonus ?? 0m);

    private static object SchemesUsed(IEnumerable<PeriodPersonResult> results) =>
        results.GroupBy(r => (r.Result.SchemeId, r.Result.SchemeVersion))
            .Select(g => new { schemeId = g.Key.SchemeId, version = g.Key.SchemeVersion, formula = g.First().Result.Formula, people = g.Count() })
            .ToList();
}
