using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Identity.Contracts.Events;
using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.People;

/// <summary>
/// Applies identity's person snapshots inside the inbox's transaction (once per event). The newest
/// snapshot wins: identity's migrate step replays every account, so an old snapshot may arrive
/// after a newer one and must change nothing. Disabling an account revokes its calendar feed and
/// cancels its pending channel deliveries in the same transaction.
/// </summary>
public static class PersonEventHandlers
{
    private const string Actor = "system:people";

    public static async Task<InboxOutcome> HandleAsync(PersonChanged @event, SchedulingDbContext db, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(@event.UserId) || @event.UserId.Length > 100)
        {
            return InboxOutcome.Drop;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var person = await db.People.FirstOrDefaultAsync(p => p.UserId == @event.UserId, cancellationToken);
        if (person is not null && person.ChangedAt > @event.OccurredAt)
        {
            return InboxOutcome.Success;
        }
        var before = person is null ? null : Snapshot(person);
        if (person is null)
        {
            person = new Person { UserId = @event.UserId };
            db.People.Add(person);
        }
        person.DisplayName = Cut(@event.DisplayName, 200);
        person.Email = string.IsNullOrWhiteSpace(@event.Email) ? null : Cut(@event.Email.Trim(), 320);
        person.Language = @event.Language is "ru" or "en" ? @event.Language : string.Empty;
        person.Disabled = @event.Disabled;
        person.ChangedAt = @event.OccurredAt;
        person.UpdatedAt = now;
        var after = Snapshot(person);
        if (before == after)
        {
            // A replay of what is known: nothing to write, nothing to audit.
            return InboxOutcome.Success;
        }
        db.Audit(AuditEvent.BySystem(Actor, "Scheduling service", now, "scheduling.person.updated", "person", person.UserId, before, after,
            new { trigger = PersonChanged.Topic }));
        if (person.Disabled)
        {
            await StopReachingAsync(db, person.UserId, now, cancellationToken);
        }
        return InboxOutcome.Success;
    }

    /// <summary>A disabled account: its calendar feed stops (a known gap: a feed outlived its account) and nothing more is sent to it.</summary>
    private static async Task StopReachingAsync(SchedulingDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.UserId == userId && f.TokenHash != null, cancellationToken);
        if (feed is not null)
        {
            feed.TokenHash = null;
            feed.RevokedAt = now;
            db.Audit(AuditEvent.BySystem(Actor, "Scheduling service", now, "scheduling.feed.revoked", "calendar-feed", feed.Id.ToString(),
                details: new { reason = "account disabled" }));
        }
        var cancelled = await db.ReminderDeliveries
            .Where(d => d.UserId == userId && d.Status == DeliveryState.Pending)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeliveryState.Cancelled).SetProperty(x => x.LastError, "account disabled"), cancellationToken);
        if (cancelled > 0)
        {
            db.Audit(AuditEvent.BySystem(Actor, "Scheduling service", now, "scheduling.reminder-delivery.cancelled", "person", userId,
                details: new { reason = "account disabled", cancelled }));
        }
    }

    private sealed record PersonSnapshot(string DisplayName, string? Email, string Language, bool Disabled);

    private static PersonSnapshot Snapshot(Person p) => new(p.DisplayName, p.Email, p.Language, p.Disabled);

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
