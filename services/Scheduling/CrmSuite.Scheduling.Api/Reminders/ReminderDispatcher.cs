using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Reminders;

/// <summary>
/// Delivers due reminders to the in-app channel, safe with any number of replicas: each batch is
/// claimed with <c>FOR UPDATE SKIP LOCKED</c> (replicas never wait for or take each other's rows),
/// marked delivered and turned into notifications in one statement, one transaction. A replica
/// that dies mid-batch rolls back: the reminders are still pending and the next claim delivers
/// them (late if past <see cref="ReminderOptions.LateAfter"/>), so none is lost and none doubled
/// (a notification is unique per reminder as well).
/// </summary>
public sealed class ReminderDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderDispatcher> logger) : BackgroundService
{
    private const string Claim = """
        WITH due AS (
            SELECT r.id FROM reminders r
            WHERE r.status = 1 AND r.due_at <= @now
            ORDER BY r.due_at, r.id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED),
        delivered AS (
            UPDATE reminders r SET status = 2, delivered_at = @now, late = r.due_at < @late_before
            FROM due WHERE r.id = due.id
            RETURNING r.id, r.item_id, r.user_id, r.due_at, r.late)
        INSERT INTO notifications (id, reminder_id, item_id, user_id, title, starts_at, due_at, late, created_at)
        SELECT gen_random_uuid(), d.id, d.item_id, d.user_id, i.title, i.starts_at, d.due_at, d.late, @now
        FROM delivered d JOIN items i ON i.id = d.item_id
        ON CONFLICT (reminder_id) DO NOTHING
        """;

    /// <summary>Claims and delivers one batch; returns how many notifications it created.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivered = await db.Database.ExecuteSqlRawAsync(Claim, [
            new Npgsql.NpgsqlParameter("now", now),
            new Npgsql.NpgsqlParameter("batch", options.Value.BatchSize),
            new Npgsql.NpgsqlParameter("late_before", now - options.Value.LateAfter),
        ], cancellationToken);
        if (delivered > 0)
        {
            // The service's own work is audited too: one event per batch, not one per reminder.
            db.Audit(AuditEvent.BySystem("system:reminders", "Scheduling service", now, "scheduling.reminders.delivered", "reminder", "batch",
                details: new { channel = "in-app", delivered }));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return delivered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more may be waiting: claim again at once.
                while (await DispatchBatchAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Delivering due reminders failed; retrying in {Interval}", options.Value.PollInterval);
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
