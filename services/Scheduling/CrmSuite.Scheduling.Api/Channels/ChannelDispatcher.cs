using System.Collections.Concurrent;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.People;
using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSuite.Scheduling.Api.Channels;

/// <summary>
/// Sends queued reminder deliveries on their channels, safe with any number of replicas. A claim
/// leases a batch of due rows (<c>FOR UPDATE SKIP LOCKED</c>, then <c>next_attempt_at</c> moves a
/// lease ahead and the transaction commits at once, so no lock is held during a send); the sends
/// run; each row is then marked sent, retried after an exponential backoff, or failed — only if
/// the lease is still this claim's (a replica that outlived its lease writes nothing). A replica
/// that dies mid-batch leaves its rows to the next claim after the lease. A failure is never
/// silent: the person gets a notification naming the reminder, channel and reason, the audit log
/// records it, and administrators list it.
/// </summary>
public sealed class ChannelDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IReminderChannel> channels,
    TimeProvider clock,
    IOptions<ChannelOptions> options,
    ILogger<ChannelDispatcher> logger) : BackgroundService
{
    private const string Claim = """
        WITH due AS (
            SELECT d.id FROM reminder_deliveries d
            WHERE d.status = 1 AND d.next_attempt_at <= @now
            ORDER BY d.next_attempt_at, d.id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED)
        UPDATE reminder_deliveries d SET attempts = d.attempts + 1, next_attempt_at = @lease
        FROM due WHERE d.id = due.id
        RETURNING d.id
        """;

    private readonly Dictionary<string, IReminderChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Something was queued in this process: every batch loop claims now instead of at the next poll.</summary>
    public void Wake()
    {
        var missing = options.Value.Workers - _wake.CurrentCount;
        if (missing > 0)
        {
            _wake.Release(missing);
        }
    }

    private enum Outcome { Sent, Retry, Failed, Cancelled }

    private sealed record Result(ReminderDelivery Delivery, Outcome Outcome, string? Reason);

    /// <summary>Claims, sends and records one batch; returns how many deliveries it claimed.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        // Microsecond precision, as PostgreSQL stores it: the lease is also this claim's mark.
        var lease = new DateTimeOffset((now + options.Value.Lease).UtcTicks / 10 * 10, TimeSpan.Zero);
        var ids = await ClaimAsync(db, now, lease, cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var deliveries = await db.ReminderDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
        var itemIds = deliveries.Select(d => d.ItemId).Distinct().ToList();
        var items = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var userIds = deliveries.Select(d => d.UserId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);

        var results = new ConcurrentBag<Result>();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (delivery, token) => results.Add(await SendAsync(delivery, items.GetValueOrDefault(delivery.ItemId), people.GetValueOrDefault(delivery.UserId), token)));

        await RecordAsync(db, [.. results], items, people, lease, cancellationToken);
        return ids.Count;
    }

    private async Task<List<Guid>> ClaimAsync(SchedulingDbContext db, DateTimeOffset now, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(Claim, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("batch", options.Value.BatchSize);
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    private async Task<Result> SendAsync(ReminderDelivery delivery, ScheduledItem? item, Person? person, CancellationToken cancellationToken)
    {
        if (person?.Disabled == true || item is null || item.Status == ItemState.Cancelled)
        {
            return new(delivery, Outcome.Cancelled, person?.Disabled == true ? "account disabled" : "item cancelled or deleted");
        }
        if (!_channels.TryGetValue(delivery.Channel, out var channel) || !channel.Available)
        {
            return Give(delivery, "the channel is not configured on the server");
        }
        var message = new ReminderMessage(delivery.Id, delivery.ReminderId, delivery.Target, delivery.UserId,
            person?.DisplayName is { Length: > 0 } name ? name : delivery.UserId,
            person?.Language == "en" ? "en" : "ru",
            new ReminderItem(item.Id, item.Kind.ToString().ToLowerInvariant(), item.Title, item.TimeZone, item.AllDay,
                item.EndsAt - item.StartsAt, item.Place, item.OnlineLink),
            delivery.StartsAt, delivery.DueAt, delivery.Late, ItemUrl(item.Id));
        try
        {
            await channel.SendAsync(message, cancellationToken);
            return new(delivery, Outcome.Sent, null);
        }
        catch (ChannelSendException e) when (e.Permanent)
        {
            return Give(delivery, e.Message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = e is ChannelSendException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            logger.LogInformation("Sending reminder delivery {DeliveryId} on {Channel} failed (attempt {Attempt}): {Reason}", delivery.Id, delivery.Channel, delivery.Attempts, reason);
            return delivery.Attempts >= options.Value.MaxAttempts
                ? new(delivery, Outcome.Failed, $"{reason} (after {delivery.Attempts} attempts)")
                : new(delivery, Outcome.Retry, reason);
        }
    }

    private static Result Give(ReminderDelivery delivery, string reason) => new(delivery, Outcome.Failed, reason);

    private string ItemUrl(Guid itemId) => $"{options.Value.PublicBaseUrl?.TrimEnd('/')}/calendar?item={itemId}";

    private async Task RecordAsync(SchedulingDbContext db, IReadOnlyList<Result> results, Dictionary<Guid, ScheduledItem> items, Dictionary<string, Person> people,
        DateTimeOffset lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sent = results.Where(r => r.Outcome == Outcome.Sent).Select(r => r.Delivery.Id).ToList();
        var marked = sent.Count == 0 ? 0 : await Ours(db, sent, lease)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeliveryState.Sent).SetProperty(x => x.SentAt, now).SetProperty(x => x.LastError, (string?)null), cancellationToken);
        foreach (var result in results.Where(r => r.Outcome != Outcome.Sent))
        {
            var reason = Cut(result.Reason ?? "unknown", 1000);
            var ours = Ours(db, [result.Delivery.Id], lease);
            switch (result.Outcome)
            {
                case Outcome.Retry:
                    var next = now + options.Value.RetryDelay(result.Delivery.Attempts);
                    await ours.ExecuteUpdateAsync(d => d.SetProperty(x => x.NextAttemptAt, next).SetProperty(x => x.LastError, reason), cancellationToken);
                    break;
                case Outcome.Cancelled:
                    await ours.ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeliveryState.Cancelled).SetProperty(x => x.LastError, reason), cancellationToken);
                    break;
                default:
                    if (await ours.ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeliveryState.Failed).SetProperty(x => x.FailedAt, now)
                        .SetProperty(x => x.LastError, reason), cancellationToken) == 1)
                    {
                        TellThePerson(db, result.Delivery, items.GetValueOrDefault(result.Delivery.ItemId), people.GetValueOrDefault(result.Delivery.UserId), reason, now);
                    }
                    break;
            }
        }
        if (marked > 0)
        {
            // As the in-app dispatcher: one audit event per batch and channel, not one per message.
            foreach (var channel in results.Where(r => r.Outcome == Outcome.Sent).GroupBy(r => r.Delivery.Channel))
            {
                db.Audit(AuditEvent.BySystem("system:reminders", "Scheduling service", now, "scheduling.reminders.delivered", "reminder", "batch",
                    details: new { channel = channel.Key, delivered = channel.Count() }));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The rows still leased by this claim: a replica that outlived its lease changes nothing.</summary>
    private static IQueryable<ReminderDelivery> Ours(SchedulingDbContext db, List<Guid> ids, DateTimeOffset lease) =>
        db.ReminderDeliveries.Where(d => ids.Contains(d.Id) && d.Status == DeliveryState.Pending && d.NextAttemptAt == lease);

    /// <summary>The person's bell and the audit log hear of every delivery given up.</summary>
    private static void TellThePerson(SchedulingDbContext db, ReminderDelivery delivery, ScheduledItem? item, Person? person, string reason, DateTimeOffset now)
    {
        var title = item?.Title ?? string.Empty;
        db.Notifications.Add(new Notification
        {
            Id = Guid.CreateVersion7(now),
            // One notification per failed delivery: the delivery's id stands in the reminder's place
            // (a notification is unique per reminder_id, and the reminder's own in-app one exists).
            ReminderId = delivery.Id,
            ItemId = delivery.ItemId,
            UserId = delivery.UserId,
            Title = ReminderText.Failure(person?.Language ?? string.Empty, delivery.Channel, title, reason),
            StartsAt = delivery.StartsAt,
            DueAt = delivery.DueAt,
            CreatedAt = now,
        });
        db.Audit(AuditEvent.BySystem("system:reminders", "Scheduling service", now, "scheduling.reminder-delivery.failed", "reminder-delivery", delivery.Id.ToString(),
            details: new { reminderId = delivery.ReminderId, itemId = delivery.ItemId, userId = delivery.UserId, channel = delivery.Channel, attempts = delivery.Attempts, reason }));
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled || _channels.Count == 0)
        {
            return;
        }
        // Several batch loops, each as a replica of its own would run: their claims never share a row.
        await Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sending reminder deliveries failed; retrying in {Interval}", options.Value.PollInterval);
            }
            try
            {
                await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
