using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Processes.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>
/// The durable process engine, safe with any number of replicas: each loop claims one due row of
/// <c>process_timers</c> (the shared due-time claim, <c>FOR UPDATE SKIP LOCKED</c>), runs it with
/// <see cref="ProcessRunner"/> and commits the row fired with everything the step changed. A row
/// whose run throws (not a failed action, which the runner records: a database hiccup, a bug) is
/// rolled back and pushed back a little; after <see cref="ProcessOptions.MaxAttempts"/> its instance
/// fails with the error in its log.
/// </summary>
public sealed class ProcessEngine(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ProcessOptions> options, ILogger<ProcessEngine> logger) : BackgroundService
{
    private static readonly string Claim = DueTimeClaim.Due("process_timers");

    /// <summary>Runs due rows until none is left; returns how many ran (tests drive the engine with it).</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var ran = 0;
        while (await RunOneAsync(cancellationToken))
        {
            ran++;
        }
        return ran;
    }

    /// <summary>Claims and runs one due row; false when nothing is due.</summary>
    public async Task<bool> RunOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        Guid id;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await using (var command = DueTimeClaim.Command(db, transaction, Claim, now, 1))
            {
                if (await command.ExecuteScalarAsync(cancellationToken) is not Guid claimed)
                {
                    return false;
                }
                id = claimed;
            }
            try
            {
                await scope.ServiceProvider.GetRequiredService<ProcessRunner>().RunAsync(id, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Running process timer {TimerId} failed; it is tried again later", id);
                await transaction.RollbackAsync(cancellationToken);
            }
        }
        await PushBackAsync(id, now, cancellationToken);
        return true;
    }

    private async Task PushBackAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
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
