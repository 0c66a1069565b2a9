using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Processes.Storage;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>What an instance starts with: its record, variables and who or what started it.</summary>
public sealed record InstanceStart(
    string Trigger, string? TriggerKey, Guid? CompanyId, Guid? DealId, Guid? LeadId, string RecordName, string? RecordOwnerUserId, string? RecordTeamId,
    IReadOnlyDictionary<string, string> Variables, string? StartedByUserId, string StartedByName);

/// <summary>Starting an instance: one way for a person's start, an integration event and a timer.</summary>
public static class ProcessStarts
{
    /// <summary>
    /// A new running instance of <paramref name="version"/> with a ready token on
    /// <paramref name="start"/>, added to the unit of work with its log line (the audit is the
    /// caller's: it knows who). Null when this trigger already started this process.
    /// </summary>
    public static async Task<ProcessInstance?> AddAsync(SchedulingDbContext db, Process process, ProcessVersion version, StartEvent start, InstanceStart how,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (how.TriggerKey is { } key && await db.ProcessInstances.AnyAsync(i => i.ProcessId == process.Id && i.TriggerKey == key, cancellationToken))
        {
            return null;
        }
        var instance = new ProcessInstance
        {
            Id = Guid.CreateVersion7(now), ProcessId = process.Id, VersionId = version.Id, VersionNumber = version.Number,
            CompanyId = how.CompanyId, DealId = how.DealId, LeadId = how.LeadId, RecordName = how.RecordName,
            RecordOwnerUserId = how.RecordOwnerUserId, RecordTeamId = how.RecordTeamId, Variables = new Dictionary<string, string>(how.Variables),
            Trigger = how.Trigger, TriggerKey = how.TriggerKey, StartedByUserId = how.StartedByUserId, StartedByName = how.StartedByName,
            StartedAt = now, UpdatedAt = now,
        };
        db.ProcessInstances.Add(instance);
        ProcessRunner.AddToken(db, instance, start.Id, null, now);
        var text = how.StartedByUserId is null ? ProcessText.Trigger(how.Trigger) : ProcessText.StartedBy(how.StartedByName);
        ProcessRunner.AddLog(db, instance.Id, start.Id, start.Name, new Bilingual(ProcessText.Started(text.En).En, ProcessText.Started(text.Ru).Ru),
            how.StartedByUserId is null ? string.Empty : how.StartedByName, false, now);
        return instance;
    }

    /// <summary>Every published, not archived process whose current version has a start event this trigger matches, with that event.</summary>
    public static async Task<List<(Process Process, ProcessVersion Version, StartEvent Start)>> MatchingAsync(SchedulingDbContext db, ProcessDefinitions definitions,
        Func<StartEvent, bool> matches, CancellationToken cancellationToken)
    {
        var current = await (from p in db.Processes
                             where !p.Archived && p.PublishedVersion > 0
                             join v in db.ProcessVersions on new { p.Id, Number = p.PublishedVersion } equals new { Id = v.ProcessId, v.Number }
                             select new { p, v }).AsNoTracking().ToListAsync(cancellationToken);
        var found = new List<(Process, ProcessVersion, StartEvent)>();
        foreach (var row in current)
        {
            if (definitions.For(row.v).StartEvents.FirstOrDefault(matches) is { } start)
            {
                found.Add((row.p, row.v, start));
            }
        }
        return found;
    }

    /// <summary>The first run of each timer start event of a newly published version (the previous version's are dropped).</summary>
    public static async Task ScheduleStartTimersAsync(SchedulingDbContext db, ProcessDefinition definition, ProcessVersion version, TimeZoneInfo zone,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var older = db.ProcessVersions.Where(v => v.ProcessId == version.ProcessId && v.Id != version.Id).Select(v => (Guid?)v.Id);
        await db.ProcessTimers.Where(t => t.Kind == TimerKind.Start && t.Status == TimerState.Pending && older.Contains(t.VersionId))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TimerState.Dropped), cancellationToken);
        foreach (var start in definition.StartEvents.Where(s => s.Trigger == TriggerKind.Timer && s.Timer is not null))
        {
            if (start.Timer!.NextAfter(now, zone) is { } first)
            {
                db.ProcessTimers.Add(StartTimer(version, start, first, now));
            }
        }
    }

    public static ProcessTimer StartTimer(ProcessVersion version, StartEvent start, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var timer = ProcessRunner.NewTimer(TimerKind.Start, null, null, start.Id, dueAt, now);
        timer.VersionId = version.Id;
        return timer;
    }

    /// <summary>Audits a start the service made on its own (an event, a timer).</summary>
    public static void AuditBySystem(SchedulingDbContext db, ProcessInstance instance, DateTimeOffset now) =>
        db.Audit(AuditEvent.BySystem(ProcessRunner.Actor, ProcessRunner.ActorName, now, "scheduling.process-instance.started", "process-instance", instance.Id.ToString(),
            after: new { instance.ProcessId, instance.VersionNumber, instance.Trigger, instance.CompanyId, instance.DealId, instance.LeadId }));
}
