using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.People;
using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Channels;

/// <summary>
/// Sends queued reminder deliveries on their channels, with the leases, retries and backoff of
/// <see cref="LeasedDispatcher"/>. A failure is never silent: the person gets a notification
/// naming the reminder, channel and reason, the audit log records it, and administrators list it.
/// </summary>
public sealed class ChannelDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IReminderChannel> channels,
    TimeProvider clock,
    IOptions<ChannelOptions> options,
    ILogger<ChannelDispatcher> logger) : LeasedDispatcher(scopes, clock, options, logger)
{
    private readonly Dictionary<string, IReminderChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    protected override string Table => "reminder_deliveries";

    protected override bool Enabled => _channels.Count > 0;

    protected override async Task SendClaimedAsync(SchedulingDbContext db, List<Guid> ids, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        var deliveries = await db.ReminderDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var itemIds = deliveries.Values.Select(d => d.ItemId).Distinct().ToList();
        var items = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var userIds = deliveries.Values.Select(d => d.UserId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);

        var results = await SendAllAsync(deliveries.Values,
            (delivery, token) => SendAsync(delivery, items.GetValueOrDefault(delivery.ItemId), people.GetValueOrDefault(delivery.UserId), token), cancellationToken);

        await RecordAsync(db, results, deliveries, items, people, lease, cancellationToken);
    }

    private async Task<SendResult> SendAsync(ReminderDelivery delivery, ScheduledItem? item, Person? person, CancellationToken cancellationToken)
    {
        if (person?.Disabled == true || item is null || item.Status == ItemState.Cancelled)
        {
            return new(delivery.Id, delivery.Attempts, SendOutcome.Cancelled, person?.Disabled == true ? "account disabled" : "item cancelled or deleted");
        }
        if (!_channels.TryGetValue(delivery.Channel, out var channel) || !channel.Available)
        {
            return new(delivery.Id, delivery.Attempts, SendOutcome.Failed, "the channel is not configured on the server");
        }
        var message = new ReminderMessage(delivery.Id, delivery.ReminderId, delivery.Target, delivery.UserId,
            person?.DisplayName is { Length: > 0 } name ? name : delivery.UserId,
            person?.Language == "en" ? "en" : "ru",
            new ReminderItem(item.Id, item.Kind.ToString().ToLowerInvariant(), item.Title, item.TimeZone, item.AllDay,
                item.EndsAt - item.StartsAt, item.Place, item.OnlineLink),
            delivery.StartsAt, delivery.DueAt, delivery.Late, ItemUrl(item.Id));
        return await TryAsync(delivery.Id, delivery.Attempts, $"reminder delivery on {delivery.Channel}", () => channel.SendAsync(message, cancellationToken), cancellationToken);
    }

    private string ItemUrl(Guid itemId) => $"{Options.PublicBaseUrl?.TrimEnd('/')}/calendar?item={itemId}";

    private async Task RecordAsync(SchedulingDbContext db, IReadOnlyList<SendResult> results, Dictionary<Guid, ReminderDelivery> deliveries,
        Dictionary<Guid, ScheduledItem> items, Dictionary<string, Person> people, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var marked = await MarkAsync(db, results, lease, now, cancellationToken);
        foreach (var failed in marked.Where(r => r.Outcome == SendOutcome.Failed))
        {
            var delivery = deliveries[failed.Id];
            TellThePerson(db, delivery, items.GetValueOrDefault(delivery.ItemId), people.GetValueOrDefault(delivery.UserId), Cut(failed.Reason ?? "unknown", 1000), now);
        }
        // As the in-app dispatcher: one audit event per batch and channel, not one per message.
        foreach (var channel in marked.Where(r => r.Outcome == SendOutcome.Sent).GroupBy(r => deliveries[r.Id].Channel))
        {
            db.Audit(AuditEvent.BySystem("system:reminders", "Scheduling service", now, "scheduling.reminders.delivered", "reminder", "batch",
                details: new { channel = channel.Key, delivered = channel.Count() }));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

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
}
