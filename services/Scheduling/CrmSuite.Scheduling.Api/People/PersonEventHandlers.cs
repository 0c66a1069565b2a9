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
/// cancels its pending channel deliveries in the same transaction. The teams the person is in and
/// heads (team_members, team_heads) are replaced by the snapshot's: the overdue job's escalations
/// and digests go to the heads of the assignee's teams.
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
        var teams = await TeamsAsync(db, @event.UserId, cancellationToken);
        var before = person is null ? null : Snapshot(person, teams);
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
        var newTeams = new PersonTeams(@event.TeamIds is { } member ? Ids(member) : teams.MemberOf, @event.HeadOfTeamIds is { } head ? Ids(head) : teams.Heads);
        ReplaceTeams(db, person.UserId, teams, newTeams, now);
        var after = Snapshot(person, newTeams);
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

    private sealed record PersonTeams(string MemberOf, string Heads);

    private sealed record PersonSnapshot(string DisplayName, string? Email, string Language, bool Disabled, string MemberOf, string Heads);

    private static PersonSnapshot Snapshot(Person p, PersonTeams t) => new(p.DisplayName, p.Email, p.Language, p.Disabled, t.MemberOf, t.Heads);

    /// <summary>A person's teams as kept here, each as sorted ids joined by commas (comparable, readable in the audit).</summary>
    private static async Task<PersonTeams> TeamsAsync(SchedulingDbContext db, string userId, CancellationToken cancellationToken) => new(
        Ids(await db.TeamMembers.Where(m => m.UserId == userId).Select(m => m.TeamId).ToListAsync(cancellationToken)),
        Ids(await db.TeamHeads.Where(h => h.HeadUserId == userId).Select(h => h.TeamId).ToListAsync(cancellationToken)));

    private static string Ids(IEnumerable<string> ids) =>
        string.Join(',', ids.Where(id => !string.IsNullOrWhiteSpace(id) && id.Length <= 100).Distinct().Order(StringComparer.Ordinal));

    /// <summary>The person's memberships and headships become the snapshot's (an event without them keeps what is known).</summary>
    private static void ReplaceTeams(SchedulingDbContext db, string userId, PersonTeams known, PersonTeams now, DateTimeOffset at)
    {
        static string[] Split(string ids) => ids.Length == 0 ? [] : ids.Split(',');
        var (wasIn, isIn) = (Split(known.MemberOf), Split(now.MemberOf));
        db.TeamMembers.RemoveRange(wasIn.Except(isIn).Select(t => new Overdue.TeamMember { TeamId = t, UserId = userId }));
        db.TeamMembers.AddRange(isIn.Except(wasIn).Select(t => new Overdue.TeamMember { TeamId = t, UserId = userId, SeenAt = at }));
        var (wasHead, isHead) = (Split(known.Heads), Split(now.Heads));
        db.TeamHeads.RemoveRange(wasHead.Except(isHead).Select(t => new Overdue.TeamHead { TeamId = t, HeadUserId = userId }));
        db.TeamHeads.AddRange(isHead.Except(wasHead).Select(t => new Overdue.TeamHead { TeamId = t, HeadUserId = userId, SeenAt = at }));
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
