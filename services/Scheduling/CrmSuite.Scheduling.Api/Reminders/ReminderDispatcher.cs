using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CrmSuite.Scheduling.Api.Reminders;

/// <summary>
/// Delivers due reminders to the in-app channel, safe with any number of replicas: each batch is
/// claimed with <c>FOR UPDATE SKIP LOCKED</c> (replicas never wait for or take each other's rows),
/// marked delivered and turned into notifications in one statement, one transaction. A replica
/// that dies mid-batch rolls back: the reminders are still pending and the next claim delivers
/// them (late if past <see cref="ReminderOptions.LateAfter"/>), so none is lost and none doubled
/// (a notification is unique per reminder as well). The same transaction queues one delivery per
/// external channel (<see cref="IReminderChannel"/>) and target the person chose, unique per
/// reminder, channel and target; the <see cref="ChannelDispatcher"/> sends them.
/// </summary>
public sealed class ReminderDispatcher(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    IEnumerable<IReminderChannel> channels,
    ChannelDispatcher channelDispatcher,
    ILogger<ReminderDispatcher> logger) : BackgroundService
{
    private static readonly string Claim = $"""
        WITH due AS ({DueTimeClaim.Due("reminders")}),
        delivered AS (
            UPDATE reminders r SET status = 2, delivered_at = @now, late = r.due_at < @late_before
            FROM due WHERE r.id = due.id
            RETURNING r.id, r.item_id, r.user_id, r.due_at, r.late, r.minutes_before),
        notified AS (
            INSERT INTO notifications (id, reminder_id, item_id, user_id, title, starts_at, due_at, late, created_at)
            SELECT gen_random_uuid(), d.id, d.item_id, d.user_id, i.title, i.starts_at, d.due_at, d.late, @now
            FROM delivered d JOIN items i ON i.id = d.item_id
            ON CONFLICT (reminder_id) DO NOTHING)
        SELECT d.id, d.item_id, d.user_id, d.due_at, d.late,
            -- The occurrence reminded of: a single item's start; a series' from the offset (a reminder
            -- planned late is due "now", not at start - offset, so that is exact only when on time).
            CASE WHEN i.recurrence IS NULL THEN i.starts_at ELSE d.due_at + d.minutes_before * interval '1 minute' END
        FROM delivered d JOIN items i ON i.id = d.item_id
        """;

    private const string Enqueue = """
        INSERT INTO reminder_deliveries (id, reminder_id, item_id, user_id, channel, target, status, due_at, starts_at, late, attempts, next_attempt_at, created_at)
        SELECT gen_random_uuid(), x.reminder_id, x.item_id, x.user_id, @channel, x.target, 1, x.due_at, x.starts_at, x.late, 0, @now, @now
        FROM unnest(@reminders, @items, @users, @targets, @dues, @starts, @lates) AS x(reminder_id, item_id, user_id, target, due_at, starts_at, late)
        ON CONFLICT (reminder_id, channel, target) DO NOTHING
        """;

    private sealed record Delivered(Guid ReminderId, Guid ItemId, string UserId, DateTimeOffset DueAt, bool Late, DateTimeOffset StartsAt);

    private readonly IReadOnlyList<IReminderChannel> _channels = [.. channels];

    /// <summary>Claims and delivers one batch; returns how many reminders it delivered.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivered = await ClaimAsync(db, transaction, now, cancellationToken);
        var queued = 0;
        if (delivered.Count > 0)
        {
            queued = await QueueChannelsAsync(db, transaction, delivered, now, cancellationToken);
            // The service's own work is audited too: one event per batch, not one per reminder.
            db.Audit(AuditEvent.BySystem("system:reminders", "Scheduling service", now, "scheduling.reminders.delivered", "reminder", "batch",
                details: new { channel = "in-app", delivered = delivered.Count, queuedForChannels = queued }));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (queued > 0)
        {
            channelDispatcher.Wake();
        }
        return delivered.Count;
    }

    private async Task<List<Delivered>> ClaimAsync(SchedulingDbContext db, IDbContextTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = DueTimeClaim.Command(db, transaction, Claim, now, options.Value.BatchSize);
        command.Parameters.AddWithValue("late_before", now - options.Value.LateAfter);
        var delivered = new List<Delivered>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            delivered.Add(new Delivered(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return delivered;
    }

    /// <summary>One delivery row per available channel and target of each reminded person; returns how many were queued.</summary>
    private async Task<int> QueueChannelsAsync(SchedulingDbContext db, IDbContextTransaction transaction, List<Delivered> delivered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userIds = delivered.Select(d => d.UserId).Distinct().ToList();
        var queued = 0;
        foreach (var channel in _channels.Where(c => c.Available))
        {
            var targets = (await channel.TargetsAsync(db, userIds, cancellationToken)).ToLookup(t => t.UserId, t => t.Target);
            var rows = delivered.SelectMany(d => targets[d.UserId].Select(target => (d, target))).ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            await using var command = new NpgsqlCommand(Enqueue, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
            command.Parameters.AddWithValue("channel", channel.Name);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("reminders", rows.Select(r => r.d.ReminderId).ToArray());
            command.Parameters.AddWithValue("items", rows.Select(r => r.d.ItemId).ToArray());
            command.Parameters.AddWithValue("users", rows.Select(r => r.d.UserId).ToArray());
            command.Parameters.AddWithValue("targets", rows.Select(r => r.target).ToArray());
            command.Parameters.Add(new NpgsqlParameter("dues", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.d.DueAt).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("starts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.d.StartsAt).ToArray() });
            command.Parameters.AddWithValue("lates", rows.Select(r => r.d.Late).ToArray());
            queued += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return queued;
    }

    /// <summary>When the next pending reminder is due (null: none).</summary>
    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        return await db.Reminders.Where(r => r.Status == ReminderState.Pending).MinAsync(r => (DateTimeOffset?)r.DueAt, cancellationToken);
    }

    /// <summary>How long to sleep: until the next reminder is due, at most <see cref="ReminderOptions.PollInterval"/>.</summary>
    internal static TimeSpan Sleep(DateTimeOffset now, DateTimeOffset? nextDue, TimeSpan pollInterval) => DueTimeClaim.Sleep(now, nextDue, pollInterval);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = options.Value.PollInterval;
            try
            {
                // A full batch means more may be waiting: claim again at once.
                while (await DispatchBatchAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
                sleep = Sleep(clock.GetUtcNow(), await NextDueAsync(stoppingToken), options.Value.PollInterval);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Delivering due reminders failed; retrying in {Interval}", options.Value.PollInterval);
            }
            await Task.Delay(sleep, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
