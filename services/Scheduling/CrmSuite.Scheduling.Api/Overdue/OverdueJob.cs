using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Contracts.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Overdue;

/// <summary>
/// Overdue work (docs/scheduling-overdue.md). A task whose due time passes while it is open or in
/// progress is marked overdue once (a row in <c>overdue_marks</c>): in the same transaction the
/// <c>scheduling.task-overdue</c> event goes to the outbox, the assignee (the owner when none) gets
/// a notification (bell and toast through the live stream) and the audit log a record. After
/// <see cref="OverdueOptions.EscalateAfterHours"/> the heads of the assignee's teams are told, once
/// (the mark's <c>escalated_at</c>); every morning each head gets a digest of the team's overdue tasks, once a
/// day (<c>overdue_digests</c>). Safe with any number of replicas: a task is claimed by inserting
/// its mark (a second insert does nothing) in one transaction with the changes, a digest by its
/// day's row. The task itself is not changed, so a form opened before it became overdue still saves.
/// A recurring task's instance is marked once the <see cref="Recurrence.RecurringTaskRoller"/> has
/// handed its rule to the next instance (the claim skips instances that still carry a rule).
/// </summary>
public sealed partial class OverdueJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OverdueOptions> options, ILogger<OverdueJob> logger) : BackgroundService
{
    private const string Actor = "system:overdue";
    private const string ActorName = "Scheduling service";

    // The mark is the claim: a second replica's insert of the same task waits for the first's
    // commit and then does nothing. The task row is only locked (FOR SHARE keeps a completion from
    // slipping in between), never updated, so its version stays what an open form read.
    private const string ClaimDue = """
        INSERT INTO overdue_marks (item_id, overdue_at)
        SELECT i.id, @now FROM items i
        WHERE i.kind = 1 AND i.status IN (1, 2) AND i.starts_at <= @now AND i.recurrence IS NULL
          AND NOT EXISTS (SELECT 1 FROM overdue_marks m WHERE m.item_id = i.id)
        ORDER BY i.starts_at, i.id
        LIMIT @batch
        FOR SHARE OF i SKIP LOCKED
        ON CONFLICT (item_id) DO NOTHING
        RETURNING item_id
        """;

    private const string ClaimEscalation = """
        UPDATE overdue_marks SET escalated_at = @now
        WHERE item_id IN (
            SELECT m.item_id FROM overdue_marks m JOIN items i ON i.id = m.item_id
            WHERE m.escalated_at IS NULL AND i.kind = 1 AND i.status IN (1, 2) AND i.starts_at <= @before
            ORDER BY i.starts_at, i.id
            LIMIT @batch
            FOR UPDATE OF m SKIP LOCKED)
          AND escalated_at IS NULL
        RETURNING item_id
        """;

    /// <summary>Runs a claim and loads the claimed tasks (untracked: the job changes none of them).</summary>
    private static async Task<List<ScheduledItem>> ClaimAsync(SchedulingDbContext db, string sql, CancellationToken cancellationToken, params Npgsql.NpgsqlParameter[] parameters)
    {
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, parameters).ToListAsync(cancellationToken);
        return await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id)).OrderBy(i => i.StartsAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Who an overdue task is told to: its assignee, or its owner when it has none.</summary>
    private static string Responsible(ScheduledItem task) => task.AssigneeUserId ?? task.OwnerUserId;

    /// <summary>Claims one batch of tasks whose due time has passed and marks them overdue; returns how many.</summary>
    public async Task<int> MarkDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await ClaimAsync(db, ClaimDue, cancellationToken,
            new Npgsql.NpgsqlParameter("now", now), new Npgsql.NpgsqlParameter("batch", options.Value.BatchSize));
        var readers = await ReadersAsync(db, due.Select(Responsible), cancellationToken);
        foreach (var task in due)
        {
            db.Enqueue(TaskOverdue.Topic, new TaskOverdue(task.Id, task.OwnerUserId, task.AssigneeUserId,
                task.CompanyId, task.ContactId, task.DealId, task.LeadId, task.StartsAt, now), now);
            var to = Responsible(task);
            var notified = readers.TryGetValue(to, out var reader) && reader.Disabled ? null : to;
            if (notified is not null)
            {
                Notify(db, NotificationKind.Overdue, notified, task.Id, OverdueText.Overdue(task, reader?.English ?? false), task.StartsAt, now);
            }
            db.Audit(AuditEvent.BySystem(Actor, ActorName, now, "scheduling.task.overdue", "item", task.Id.ToString(),
                before: new { overdueAt = (DateTimeOffset?)null }, after: new { overdueAt = now }, details: new { dueAt = task.StartsAt, notified }));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>Claims one batch of tasks overdue longer than the configured hours and tells their heads; returns how many (0 when escalation is off).</summary>
    public async Task<int> EscalateAsync(CancellationToken cancellationToken)
    {
        var hours = options.Value.EscalateAfterHours;
        if (hours <= 0)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var overdue = await ClaimAsync(db, ClaimEscalation, cancellationToken, new Npgsql.NpgsqlParameter("now", now),
            new Npgsql.NpgsqlParameter("before", now - TimeSpan.FromHours(hours)), new Npgsql.NpgsqlParameter("batch", options.Value.BatchSize));
        var responsible = overdue.Select(Responsible).Distinct().ToList();
        var heads = (await (from m in db.TeamMembers
                            join h in db.TeamHeads on m.TeamId equals h.TeamId
                            where responsible.Contains(m.UserId) && h.HeadUserId != m.UserId
                            select new { m.UserId, h.HeadUserId }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.HeadUserId);
        var readers = await ReadersAsync(db, responsible.Concat(heads.SelectMany(h => h)), cancellationToken);
        foreach (var task in overdue)
        {
            var who = Responsible(task);
            var name = readers.TryGetValue(who, out var person) && person.Name.Length > 0 ? person.Name
                : who == task.OwnerUserId && task.OwnerName.Length > 0 ? task.OwnerName : "—";
            var told = heads[who].Where(h => !(readers.TryGetValue(h, out var head) && head.Disabled)).Order(StringComparer.Ordinal).ToList();
            foreach (var head in told)
            {
                Notify(db, NotificationKind.Escalation, head, task.Id,
                    OverdueText.Escalation(task, name, hours, readers.TryGetValue(head, out var reader) && reader.English), task.StartsAt, now);
            }
            db.Audit(AuditEvent.BySystem(Actor, ActorName, now, "scheduling.task.escalated", "item", task.Id.ToString(),
                before: new { escalatedAt = (DateTimeOffset?)null }, after: new { escalatedAt = now }, details: new { dueAt = task.StartsAt, afterHours = hours, heads = told }));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return overdue.Count;
    }

    private sealed record Reader(string Name, bool English, bool Disabled);

    /// <summary>The people as identity announced them (unknown ones read Russian).</summary>
    private static async Task<Dictionary<string, Reader>> ReadersAsync(SchedulingDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => ids.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => new Reader(p.DisplayName, p.Language == "en", p.Disabled), cancellationToken);
    }

    /// <summary>
    /// A notification in the person's bell: the table's trigger tells the live streams at commit. It
    /// has no reminder: its own id stands in (a notification is unique per reminder_id); this job's
    /// own marks (overdue_at, escalated_at, the digest's day) make it once.
    /// </summary>
    internal static void Notify(SchedulingDbContext db, NotificationKind kind, string userId, Guid itemId, string text, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        db.Notifications.Add(new Notification
        {
            Id = id,
            ReminderId = id,
            Kind = kind,
            ItemId = itemId,
            UserId = userId,
            Title = text,
            StartsAt = dueAt,
            DueAt = dueAt,
            CreatedAt = now,
        });
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
                // A full batch means more may be waiting: claim again at once.
                while (await MarkDueAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
                while (await EscalateAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
                await SendDigestsAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Marking overdue tasks, escalating or sending digests failed; retrying in {Interval}", options.Value.PollInterval);
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
