using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Reminders;

/// <summary>Scheduling:ReminderHorizon.</summary>
public sealed class ReminderHorizonOptions
{
    public const string Section = "Scheduling:ReminderHorizon";

    /// <summary>Off only where a test drives it itself.</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Keeps every series' reminders planned ahead: a series whose pending reminders run out within
/// half of <see cref="ReminderPlan.Horizon"/> gets those of its next occurrences (those not yet
/// planned or delivered), so every occurrence is reminded of, not just the next one. Safe with any
/// number of replicas: each page of series is claimed <c>FOR UPDATE SKIP LOCKED</c> in one
/// transaction with the reminders it adds.
/// </summary>
public sealed class ReminderHorizon(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderHorizonOptions> options, ILogger<ReminderHorizon> logger) : BackgroundService
{
    private const string Claim = """
        SELECT i.*, i.xmin FROM items i
        WHERE i.recurrence IS NOT NULL AND i.kind <> 1 AND i.status IN (1, 2) AND cardinality(i.reminder_minutes_before) > 0
          AND (i.series_ends_at IS NULL OR i.series_ends_at > @now) AND i.id > @after
          AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.item_id = i.id AND r.status = 1 AND r.due_at > @refill)
        ORDER BY i.id
        LIMIT @batch
        FOR UPDATE OF i SKIP LOCKED
        """;

    /// <summary>Tops up every series that needs it, page by page; returns how many reminders it planned.</summary>
    public async Task<int> TopUpAsync(CancellationToken cancellationToken)
    {
        var after = Guid.Empty;
        var planned = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var series = await db.Items.FromSqlRaw(Claim,
                new Npgsql.NpgsqlParameter("now", now), new Npgsql.NpgsqlParameter("refill", now + ReminderPlan.Horizon / 2),
                new Npgsql.NpgsqlParameter("after", after), new Npgsql.NpgsqlParameter("batch", options.Value.BatchSize)).ToListAsync(cancellationToken);
            foreach (var item in series)
            {
                planned += await ReminderPlan.PlanAsync(db, item, now, keepPending: true, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (series.Count < options.Value.BatchSize)
            {
                return planned;
            }
            after = series[^1].Id;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var planned = await TopUpAsync(stoppingToken);
                logger.LogDebug("Planned {Count} reminders of series ahead", planned);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Planning reminders of series ahead failed; retrying in {Interval}", options.Value.PollInterval);
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
