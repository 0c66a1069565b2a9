using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Recurrence;

/// <summary>Scheduling:RecurringTasks.</summary>
public sealed class RecurringTaskOptions
{
    public const string Section = "Scheduling:RecurringTasks";

    /// <summary>Off only where a test drives the roller itself.</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Rolls recurring tasks forward when an instance's due time passes undone: the next instance is
/// planned and takes the rule, and the missed one stays open without it (audited
/// <c>scheduling.task.missed</c>), so it counts as overdue work like any other task and a series
/// still has one instance that carries the rule. Safe with any number of replicas: each batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> in one transaction with its changes, and a completion racing the
/// roller loses on the item's version (409) or the unique (series, due time) index.
/// </summary>
public sealed class RecurringTaskRoller(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RecurringTaskOptions> options, ILogger<RecurringTaskRoller> logger) : BackgroundService
{
    private const string Claim = """
        SELECT *, xmin FROM items
        WHERE kind = 1 AND recurrence IS NOT NULL AND status IN (1, 2) AND starts_at <= @now
        ORDER BY starts_at, id
        LIMIT @batch
        FOR UPDATE SKIP LOCKED
        """;

    /// <summary>Claims and rolls one batch of passed instances; returns how many it rolled.</summary>
    public async Task<int> RollDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var passed = await db.Items.FromSqlRaw(Claim,
            new Npgsql.NpgsqlParameter("now", now), new Npgsql.NpgsqlParameter("batch", options.Value.BatchSize)).ToListAsync(cancellationToken);
        foreach (var task in passed)
        {
            var before = task.Snapshot();
            // The next instance takes the rule; the missed one stays open as a plain task, so the
            // overdue job marks it overdue, tells the assignee and (when set) escalates it.
            await RecurringTasks.PlanNextAsync(db, task, now, cancellationToken);
            task.SeriesId ??= task.Id;
            task.Recurrence = null;
            task.RecurrenceExceptions = [];
            task.UpdatedAt = now;
            SeriesView.Settle(task);
            await ReminderPlan.ReplanAsync(db, task, now, cancellationToken);
            db.Audit(AuditEvent.BySystem("system:recurring-tasks", "Scheduling service", now, "scheduling.task.missed", "item", task.Id.ToString(),
                before: before, after: task.Snapshot()));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return passed.Count;
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
                while (await RollDueAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Rolling recurring tasks forward failed; retrying in {Interval}", options.Value.PollInterval);
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
