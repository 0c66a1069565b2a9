using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Processes.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>
/// The durable process engine, safe with any number of replicas. Each loop claims a batch of due
/// rows of <c>process_timers</c> (the shared due-time claim, <c>FOR UPDATE SKIP LOCKED</c>; elapsed
/// timers before ready tokens, so a burst of starts never holds a timer back), locks their
/// instances in id order, and runs the rows one by one with <see cref="ProcessRunner"/>, each step
/// saved behind its own savepoint; the batch commits once. A crash before the commit leaves every
/// row of the batch due and nothing done. A row whose run throws (not a failed action, which the
/// runner records: a database hiccup, a bug) is rolled back to its savepoint and pushed back a
/// little, while the rest of the batch goes on; after <see cref="ProcessOptions.MaxAttempts"/> its
/// instance fails with the error in its log.
/// </summary>
public sealed class ProcessEngine(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ProcessOptions> options, ILogger<ProcessEngine> logger) : BackgroundService
{
    private static readonly string Claim = DueTimeClaim.Due("process_timers", "*", $"kind <> {(short)TimerKind.Advance}");
    private const string Savepoint = "process_step";

    /// <summary>Runs due rows until none is left; returns how many ran (tests drive the engine with it).</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var ran = 0;
        while (await RunBatchAsync(cancellationToken) is var count and > 0)
        {
            ran += count;
        }
        return ran;
    }

    /// <summary>Claims and runs one batch of due rows in one transaction; 0 when nothing is due.</summary>
    public async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        // Each step has its own savepoint (below): EF's savepoint around every SaveChanges would only add round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var timers = await db.ProcessTimers.FromSqlRaw(Claim,
            new NpgsqlParameter("now", clock.GetUtcNow()), new NpgsqlParameter("batch", options.Value.BatchSize)).ToListAsync(cancellationToken);
        if (timers.Count == 0)
        {
            return 0;
        }
        // Every instance of the batch locked at once, always in the same order (replicas never deadlock on them).
        var instanceIds = timers.Where(t => t.InstanceId is not null).Select(t => t.InstanceId!.Value).Distinct().Order().ToArray();
        var tokenIds = timers.Where(t => t.TokenId is not null).Select(t => t.TokenId!.Value).ToHashSet();
        if (instanceIds.Length > 0)
        {
            await db.ProcessInstances.FromSql($"SELECT * FROM process_instances WHERE id = ANY({instanceIds}) ORDER BY id FOR UPDATE").ToListAsync(cancellationToken);
            await db.ProcessTokens.Where(t => tokenIds.Contains(t.Id)).ToListAsync(cancellationToken);
        }
        var claimedIds = timers.Select(t => t.Id).ToHashSet();
        var runner = scope.ServiceProvider.GetRequiredService<ProcessRunner>();
        await runner.LoadFailedStepsAsync(instanceIds, cancellationToken);
        var mailQueued = false;
        foreach (var claimed in timers)
        {
            var id = claimed.Id;
            var now = clock.GetUtcNow();
            await transaction.CreateSavepointAsync(Savepoint, cancellationToken);
            try
            {
                // After a rolled-back step the tracker was cleared: the row is read again (still locked by this transaction).
                var timer = db.ProcessTimers.Local.FirstOrDefault(t => t.Id == id) ?? await db.ProcessTimers.SingleAsync(t => t.Id == id, cancellationToken);
                await runner.RunAsync(timer, now, cancellationToken);
                mailQueued |= db.ChangeTracker.Entries<ProcessMail>().Any(e => e.State == EntityState.Added);
                await db.SaveChangesAsync(cancellationToken);
                // What the step wrote is saved: only the batch's own rows stay tracked, so each save
                // compares a few entities, not everything the batch wrote so far.
                foreach (var entry in db.ChangeTracker.Entries().ToList())
                {
                    if (entry.Entity switch
                        {
                            ProcessInstance => false,
                            ProcessTimer t => !claimedIds.Contains(t.Id),
                            ProcessToken t => !tokenIds.Contains(t.Id),
                            ProcessStep step => step.State != StepState.Failed,
                            _ => true,
                        })
                    {
                        entry.State = EntityState.Detached;
                    }
                }
            }
            // A lost connection (not an error PostgreSQL answered) ends the whole batch: every row stays due.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not NpgsqlException or PostgresException)
            {
                logger.LogWarning(e, "Running process timer {TimerId} failed; it is tried again later", id);
                await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
                db.ChangeTracker.Clear();
                runner.Forget();
                await PushBackAsync(db, id, now, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        if (mailQueued)
        {
            // The mail goes out now rather than at the dispatcher's next poll.
            scope.ServiceProvider.GetRequiredService<ProcessMailDispatcher>().Wake();
        }
        return timers.Count;
    }

    private async Task PushBackAsync(SchedulingDbContext db, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var timer = await db.ProcessTimers.SingleAsync(t => t.Id == id, cancellationToken);
        timer.Attempts++;
        timer.DueAt = now + TimeSpan.FromSeconds(Math.Min(300, 5 * Math.Pow(2, timer.Attempts)));
        if (timer.Attempts >= options.Value.MaxAttempts && timer.InstanceId is { } instanceId)
        {
            timer.Status = TimerState.Dropped;
            await db.ProcessInstances.Where(i => i.Id == instanceId && i.State == InstanceState.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.State, InstanceState.Failed).SetProperty(i => i.UpdatedAt, now), cancellationToken);
            ProcessRunner.AddLog(db, instanceId, timer.ElementId, string.Empty,
                new Bilingual($"The step could not be run after {timer.Attempts} attempts", $"Шаг не удалось выполнить за {timer.Attempts} попыток"),
                string.Empty, true, now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        return await db.ProcessTimers.Where(t => t.Status == TimerState.Pending).MinAsync(t => (DateTimeOffset?)t.DueAt, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EngineEnabled)
        {
            return;
        }
        await Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = options.Value.PollInterval;
            try
            {
                await RunDueAsync(stoppingToken);
                sleep = DueTimeClaim.Sleep(clock.GetUtcNow(), await NextDueAsync(stoppingToken), options.Value.PollInterval);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The process engine failed; retrying in {Interval}", options.Value.PollInterval);
            }
            await Task.Delay(sleep, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
