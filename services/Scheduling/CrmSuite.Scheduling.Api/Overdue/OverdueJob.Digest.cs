using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Reminders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CrmSuite.Scheduling.Api.Overdue;

/// <summary>The team heads' daily digest.</summary>
public sealed partial class OverdueJob
{
    /// <summary>
    /// From <see cref="OverdueOptions.DigestHour"/> in the company's zone: each head not yet sent
    /// today's digest gets one, naming how many of their teams' tasks are overdue and the oldest
    /// few. Returns how many heads were handled now (a head with nothing overdue gets no
    /// notification, but the day is still theirs: nothing is sent later that day).
    /// </summary>
    public async Task<int> SendDigestsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var local = Instant.FromDateTimeOffset(now).InZone(DateTimeZoneProviders.Tzdb[options.Value.TimeZone]);
        if (local.Hour < options.Value.DigestHour)
        {
            return 0;
        }
        var day = local.Date.ToDateOnly();
        List<string> heads;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
            heads = await db.TeamHeads.Select(h => h.HeadUserId).Distinct()
                .Where(h => !db.OverdueDigests.Any(d => d.HeadUserId == h && d.Day == day))
                .OrderBy(h => h).ToListAsync(cancellationToken);
        }
        var sent = 0;
        foreach (var head in heads)
        {
            sent += await SendDigestAsync(head, day, now, cancellationToken) ? 1 : 0;
        }
        return sent;
    }

    private async Task<bool> SendDigestAsync(string head, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The day's row first: another replica on the same head waits for it, then finds it taken.
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO overdue_digests (head_user_id, day, tasks, sent_at) VALUES ({head}, {day}, 0, {now}) ON CONFLICT DO NOTHING", cancellationToken);
        if (claimed == 0)
        {
            return false;
        }
        var members = db.TeamMembers.Where(m => db.TeamHeads.Any(h => h.HeadUserId == head && h.TeamId == m.TeamId)).Select(m => m.UserId);
        var overdue = db.Items.Where(OverdueRule.Filter(now)).Where(i => members.Contains(i.AssigneeUserId ?? i.OwnerUserId));
        var count = await overdue.CountAsync(cancellationToken);
        var titles = await overdue.OrderBy(i => i.StartsAt).ThenBy(i => i.Id).Select(i => i.Title).Take(options.Value.DigestTitles).ToListAsync(cancellationToken);
        await db.OverdueDigests.Where(d => d.HeadUserId == head && d.Day == day).ExecuteUpdateAsync(d => d.SetProperty(x => x.Tasks, count), cancellationToken);
        var reader = (await ReadersAsync(db, [head], cancellationToken)).GetValueOrDefault(head);
        var notified = count > 0 && reader is not { Disabled: true };
        if (notified)
        {
            Notify(db, NotificationKind.Digest, head, Guid.Empty, OverdueText.Digest(count, titles, reader?.English ?? false), now, now);
        }
        db.Audit(AuditEvent.BySystem(Actor, ActorName, now, "scheduling.overdue-digest.sent", "overdue-digest", $"{head}/{day:yyyy-MM-dd}",
            details: new { head, day, tasks = count, notified }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
