using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Processes.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>
/// Runs one claimed row of the engine's due-time table inside the claiming transaction: the
/// instance row is locked first (FOR UPDATE), so two replicas never move the same instance at once
/// (a parallel join sees every branch that arrived). Whatever the step changes — tokens, its step
/// row, a task, notifications, the log, audit and integration events — is saved by the caller in
/// that one transaction with the row marked fired: a crash before the commit leaves the row due
/// and nothing done; after it, the row is fired and the step is never run again.
/// </summary>
internal sealed partial class ProcessRunner(
    SchedulingDbContext db,
    ProcessDefinitions definitions,
    IOptions<ProcessOptions> options,
    ProcessWebhookClient webhooks,
    Channels.Email.EmailChannel email,
    ServiceAccount.ProcessRecords records,
    ILogger<ProcessRunner> logger)
{
    public const string Actor = "system:processes";
    public const string ActorName = "Business processes";

    private DateTimeOffset _now;
    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>Runs one claimed row (tracked, locked by the caller's transaction); the caller saves.</summary>
    public async Task RunAsync(ProcessTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _now = now;
        timer.Status = TimerState.Fired;
        timer.FiredAt = now;
        if (timer.Kind == TimerKind.Start)
        {
            await StartByTimerAsync(timer, cancellationToken);
            return;
        }
        // The batch locked its instances and read its tokens; a row run after a rolled-back step reads them again.
        var instance = db.ProcessInstances.Local.FirstOrDefault(i => i.Id == timer.InstanceId) ?? await LockAsync(db, timer.InstanceId!.Value, cancellationToken);
        var token = timer.TokenId is { } tokenId ? await db.ProcessTokens.FindAsync([tokenId], cancellationToken) : null;
        if (instance is null || instance.State != InstanceState.Running || token is null)
        {
            timer.Status = TimerState.Dropped;
            return;
        }
        var definition = await DefinitionAsync(instance, cancellationToken);
        var run = new Run(instance, definition);
        switch (timer.Kind)
        {
            case TimerKind.Advance when token.State == TokenState.Ready:
                await ExecuteAsync(run, token, definition.Nodes[token.ElementId], cancellationToken);
                break;
            case TimerKind.Intermediate when token.State == TokenState.Waiting:
                var node = definition.Nodes[token.ElementId];
                Log(run, node, ProcessText.TimerFired(node.Name));
                await StepAsync(run, token, node, "fired", cancellationToken);
                MoveOn(run, token, node.Outgoing);
                break;
            case TimerKind.Boundary when token.State == TokenState.Waiting:
                await BoundaryAsync(run, token, (BoundaryTimer)definition.Nodes[timer.ElementId], cancellationToken);
                break;
            case TimerKind.Late when token.State == TokenState.Waiting:
                await LateAsync(run, token, cancellationToken);
                break;
            default:
                // The token moved on meanwhile (the task was completed before its timer): nothing to do.
                timer.Status = TimerState.Dropped;
                break;
        }
        instance.UpdatedAt = now;
    }

    /// <summary>The instance, locked until the transaction ends; null when gone.</summary>
    public static Task<ProcessInstance?> LockAsync(SchedulingDbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        db.ProcessInstances.FromSql($"SELECT * FROM process_instances WHERE id = {instanceId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    /// <summary>The compiled definition (cached by version id: the version's XML is read once per service lifetime).</summary>
    private async Task<ProcessDefinition> DefinitionAsync(ProcessInstance instance, CancellationToken cancellationToken) =>
        definitions.Cached(instance.VersionId)
        ?? definitions.For(await db.ProcessVersions.AsNoTracking().SingleAsync(v => v.Id == instance.VersionId, cancellationToken));

    /// <summary>One instance being moved: its definition and its process (loaded when needed).</summary>
    private sealed record Run(ProcessInstance Instance, ProcessDefinition Definition)
    {
        public Process? Process { get; set; }
    }

    private async Task<Process> ProcessOfAsync(Run run, CancellationToken cancellationToken)
    {
        if (run.Process is { } known)
        {
            return known;
        }
        if (!_processes.TryGetValue(run.Instance.ProcessId, out var process))
        {
            process = await db.Processes.AsNoTracking().SingleAsync(p => p.Id == run.Instance.ProcessId, cancellationToken);
            _processes[process.Id] = process;
        }
        return run.Process = process;
    }

    /// <summary>Rows read for one batch (the runner lives as long as its batch): processes, people, activity types.</summary>
    private readonly Dictionary<Guid, Process> _processes = [];

    private readonly Dictionary<string, PersonRow?> _people = [];
    private readonly Dictionary<string, Activities.ActivityType?> _types = [];

    private bool _failedStepsLoaded;

    /// <summary>
    /// Reads the failed steps of the batch's instances (the only step rows a run can meet again, after a
    /// retry), so that recording a step needs no look-up of its own.
    /// </summary>
    public async Task LoadFailedStepsAsync(Guid[] instanceIds, CancellationToken cancellationToken)
    {
        if (instanceIds.Length > 0)
        {
            await db.ProcessSteps.Where(s => instanceIds.Contains(s.InstanceId) && s.State == StepState.Failed).ToListAsync(cancellationToken);
        }
        _failedStepsLoaded = true;
    }

    /// <summary>Forgets what the batch read (its tracker was cleared after a step rolled back).</summary>
    public void Forget()
    {
        _failedStepsLoaded = false;
        _processes.Clear();
        _people.Clear();
        _types.Clear();
    }

    private sealed record PersonRow(string DisplayName, string? Email, string Language, bool Disabled);

    /// <summary>A person as identity announced them (read once per batch); null when unknown.</summary>
    private async Task<PersonRow?> PersonAsync(string userId, CancellationToken cancellationToken)
    {
        if (!_people.TryGetValue(userId, out var person))
        {
            person = _people[userId] = await db.People.AsNoTracking().Where(p => p.UserId == userId)
                .Select(p => new PersonRow(p.DisplayName, p.Email, p.Language, p.Disabled)).FirstOrDefaultAsync(cancellationToken);
        }
        return person;
    }

    /// <summary>The activity type a user task names by code or id (read once per batch); null when none.</summary>
    private async Task<Activities.ActivityType?> ActivityTypeAsync(string? code, CancellationToken cancellationToken)
    {
        var key = code ?? string.Empty;
        if (!_types.TryGetValue(key, out var type))
        {
            type = _types[key] = await db.ActivityTypes.AsNoTracking()
                .Where(t => !t.Archived && (t.Code == code || t.Id.ToString() == code)).FirstOrDefaultAsync(cancellationToken);
        }
        return type;
    }

    private async Task ExecuteAsync(Run run, ProcessToken token, FlowNode node, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case StartEvent:
                await StepAsync(run, token, node, null, cancellationToken);
                MoveOn(run, token, node.Outgoing);
                break;
            case EndEvent:
                await StepAsync(run, token, node, null, cancellationToken);
                Finish(token, TokenState.Done);
                await CompleteIfDoneAsync(run, cancellationToken);
                break;
            case UserTask task:
                await CreateTaskAsync(run, token, task, cancellationToken);
                break;
            case ServiceTask service:
                await ServiceAsync(run, token, service, cancellationToken);
                break;
            case ExclusiveGateway gateway:
                await ChooseAsync(run, token, gateway, cancellationToken);
                break;
            case ParallelGateway gateway:
                await ParallelAsync(run, token, gateway, cancellationToken);
                break;
            case IntermediateTimer timer:
                token.State = TokenState.Waiting;
                // Stored in UTC: the timer counts calendar parts in the company's zone and answers in its offset.
                token.DueAt = timer.Timer.DueAfterStart(_now, Zone).ToUniversalTime();
                token.UpdatedAt = _now;
                Schedule(TimerKind.Intermediate, run.Instance, token, node.Id, token.DueAt.Value);
                Log(run, node, ProcessText.TimerWaiting(timer.Timer.Duration ?? string.Empty));
                break;
            default:
                await FailAsync(run, token, node, new Bilingual($"The engine cannot run a {node.GetType().Name}", $"Движок не выполняет элемент {node.GetType().Name}"), cancellationToken);
                break;
        }
    }

    /// <summary>An exclusive gateway: the first outgoing flow (in document order) whose condition holds, else the default.</summary>
    private async Task ChooseAsync(Run run, ProcessToken token, ExclusiveGateway gateway, CancellationToken cancellationToken)
    {
        SequenceFlow? chosen = null;
        foreach (var flow in gateway.Outgoing.Select(id => run.Definition.Flows[id]).Where(f => f.Id != gateway.DefaultFlow))
        {
            if (flow.Condition is null)
            {
                chosen ??= flow;
                continue;
            }
            var holds = ProcessConditions.Evaluate(flow.Condition, run.Instance.Variables);
            if (holds.Error is { } error)
            {
                await FailAsync(run, token, gateway, ProcessText.BadCondition(flow.Name, error), cancellationToken);
                return;
            }
            if (holds.Value)
            {
                chosen = flow;
                break;
            }
        }
        chosen ??= gateway.DefaultFlow is { } fallback ? run.Definition.Flows[fallback] : null;
        if (chosen is null)
        {
            await FailAsync(run, token, gateway, ProcessText.NoFlow, cancellationToken);
            return;
        }
        await StepAsync(run, token, gateway, chosen.Id, cancellationToken);
        Log(run, gateway, ProcessText.GatewayTook(chosen, run.Definition.Nodes[chosen.Target]));
        MoveOn(run, token, [chosen.Id]);
    }

    /// <summary>A parallel gateway: a fork sends a token down every outgoing flow; a join waits for a token on every incoming flow.</summary>
    private async Task ParallelAsync(Run run, ProcessToken token, ParallelGateway gateway, CancellationToken cancellationToken)
    {
        if (gateway.Incoming.Count > 1)
        {
            token.State = TokenState.Waiting;
            token.UpdatedAt = _now;
            var arrived = await db.ProcessTokens
                .Where(t => t.InstanceId == run.Instance.Id && t.ElementId == gateway.Id && t.State == TokenState.Waiting && t.Id != token.Id)
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
            arrived.Add(token);
            var one = gateway.Incoming.Select(flow => arrived.FirstOrDefault(t => t.ArrivedBy == flow)).ToList();
            if (one.Any(t => t is null))
            {
                return;
            }
            foreach (var other in one.Where(t => t!.Id != token.Id))
            {
                Finish(other!, TokenState.Done);
            }
            Log(run, gateway, ProcessText.Joined);
        }
        await StepAsync(run, token, gateway, null, cancellationToken);
        MoveOn(run, token, gateway.Outgoing);
    }

    /// <summary>
    /// Records the step (instance, element, token) as done. The unique key makes a second run of
    /// the same step fail its transaction instead of repeating its effect; a failed step (retried) is updated.
    /// </summary>
    private async Task<ProcessStep> StepAsync(Run run, ProcessToken token, FlowNode node, string? effect, CancellationToken cancellationToken, StepState state = StepState.Done)
    {
        // A row for this step exists already only when it failed before (and was retried): the batch read those.
        var step = _failedStepsLoaded
            ? db.ProcessSteps.Local.FirstOrDefault(s => s.InstanceId == run.Instance.Id && s.ElementId == node.Id && s.TokenId == token.Id)
            : await db.ProcessSteps.SingleOrDefaultAsync(s => s.InstanceId == run.Instance.Id && s.ElementId == node.Id && s.TokenId == token.Id, cancellationToken);
        if (step is null)
        {
            step = new ProcessStep { Id = Guid.CreateVersion7(_now), InstanceId = run.Instance.Id, ElementId = node.Id, TokenId = token.Id };
            db.ProcessSteps.Add(step);
        }
        else if (step.State == StepState.Done)
        {
            throw new InvalidOperationException($"Step {node.Id} of instance {run.Instance.Id} (token {token.Id}) ran already.");
        }
        step.State = state;
        step.Effect = effect is { Length: > 500 } ? effect[..500] : effect;
        step.Attempts++;
        step.At = _now;
        return step;
    }

    /// <summary>The token leaves its element down these flows: a new token waits, ready, at each target.</summary>
    private void MoveOn(Run run, ProcessToken token, IEnumerable<string> flows)
    {
        Finish(token, TokenState.Done);
        foreach (var flowId in flows)
        {
            var flow = run.Definition.Flows[flowId];
            AddToken(db, run.Instance, flow.Target, flow.Id, _now);
        }
    }

    /// <summary>A ready token at <paramref name="elementId"/> and its due-now row in the engine's table.</summary>
    public static ProcessToken AddToken(SchedulingDbContext db, ProcessInstance instance, string elementId, string? arrivedBy, DateTimeOffset now)
    {
        var next = new ProcessToken
        {
            Id = Guid.CreateVersion7(now), InstanceId = instance.Id, ElementId = elementId, ArrivedBy = arrivedBy,
            State = TokenState.Ready, CreatedAt = now, UpdatedAt = now,
        };
        db.ProcessTokens.Add(next);
        db.ProcessTimers.Add(NewTimer(TimerKind.Advance, instance.Id, next.Id, elementId, now, now));
        return next;
    }

    public static ProcessTimer NewTimer(TimerKind kind, Guid? instanceId, Guid? tokenId, string elementId, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Kind = kind, InstanceId = instanceId, TokenId = tokenId, ElementId = elementId, DueAt = dueAt, CreatedAt = now,
    };

    private void Schedule(TimerKind kind, ProcessInstance instance, ProcessToken token, string elementId, DateTimeOffset dueAt) =>
        db.ProcessTimers.Add(NewTimer(kind, instance.Id, token.Id, elementId, dueAt, _now));

    private void Finish(ProcessToken token, TokenState state)
    {
        token.State = state;
        token.UpdatedAt = _now;
    }

    /// <summary>No token left ready or waiting: the instance is completed.</summary>
    private async Task CompleteIfDoneAsync(Run run, CancellationToken cancellationToken)
    {
        var open = db.ChangeTracker.Entries<ProcessToken>().Where(e => e.Entity.InstanceId == run.Instance.Id).Select(e => e.Entity)
            .Any(t => t.State is TokenState.Ready or TokenState.Waiting or TokenState.Failed);
        var tracked = db.ChangeTracker.Entries<ProcessToken>().Select(e => e.Entity.Id).ToList();
        open |= await db.ProcessTokens.AnyAsync(t => t.InstanceId == run.Instance.Id && !tracked.Contains(t.Id)
            && (t.State == TokenState.Ready || t.State == TokenState.Waiting || t.State == TokenState.Failed), cancellationToken);
        if (open)
        {
            return;
        }
        run.Instance.State = InstanceState.Completed;
        run.Instance.EndedAt = _now;
        Log(run.Instance, string.Empty, string.Empty, ProcessText.Completed, string.Empty, false, _now);
        db.Audit(AuditEvent.BySystem(Actor, ActorName, _now, "scheduling.process-instance.completed", "process-instance", run.Instance.Id.ToString(),
            details: new { processId = run.Instance.ProcessId, version = run.Instance.VersionNumber }));
    }

    /// <summary>The step failed: the instance waits in FAILED with the reason in its log until someone retries it.</summary>
    private async Task FailAsync(Run run, ProcessToken token, FlowNode node, Bilingual reason, CancellationToken cancellationToken)
    {
        await StepAsync(run, token, node, reason.En, cancellationToken, StepState.Failed);
        Finish(token, TokenState.Failed);
        run.Instance.State = InstanceState.Failed;
        Log(run, node, new Bilingual(ProcessText.StepFailed(reason.En).En, ProcessText.StepFailed(reason.Ru).Ru), error: true);
        db.Audit(AuditEvent.BySystem(Actor, ActorName, _now, "scheduling.process-instance.failed", "process-instance", run.Instance.Id.ToString(),
            details: new { elementId = node.Id, reason = reason.En }));
    }

    private void Log(Run run, FlowNode node, Bilingual text, string actor = "", bool error = false) =>
        Log(run.Instance, node.Id, node.Name, text, actor, error, _now);

    private void Log(ProcessInstance instance, string elementId, string elementName, Bilingual text, string actor, bool error, DateTimeOffset now) =>
        AddLog(db, instance.Id, elementId, elementName, text, actor, error, now);

    public static void AddLog(SchedulingDbContext db, Guid instanceId, string elementId, string elementName, Bilingual text, string actor, bool error, DateTimeOffset now) =>
        db.ProcessLog.Add(new ProcessLogEntry
        {
            InstanceId = instanceId, At = now, ElementId = elementId, ElementName = Cut(elementName, 300),
            TextEn = Cut(text.En, 2000), TextRu = Cut(text.Ru, 2000), ActorName = Cut(actor, 200), Error = error,
        });

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}

/// <summary>Timer start events: each occurrence starts an instance once and schedules the next.</summary>
internal sealed partial class ProcessRunner
{
    private async Task StartByTimerAsync(ProcessTimer timer, CancellationToken cancellationToken)
    {
        var version = await db.ProcessVersions.AsNoTracking().SingleAsync(v => v.Id == timer.VersionId, cancellationToken);
        var process = await db.Processes.AsNoTracking().SingleAsync(p => p.Id == version.ProcessId, cancellationToken);
        if (process.Archived || process.PublishedVersion != version.Number)
        {
            timer.Status = TimerState.Dropped;
            return;
        }
        var start = definitions.For(version).StartEvents.Single(s => s.Id == timer.ElementId);
        var instance = await ProcessStarts.AddAsync(db, process, version, start,
            new InstanceStart("timer", $"timer:{start.Id}:{timer.DueAt.UtcTicks}", null, null, null, string.Empty, null, null,
                new Dictionary<string, string>(), null, string.Empty), _now, cancellationToken);
        if (instance is not null)
        {
            ProcessStarts.AuditBySystem(db, instance, _now);
        }
        if (start.Timer!.NextAfter(timer.DueAt, Zone)?.ToUniversalTime() is { } next)
        {
            db.ProcessTimers.Add(ProcessStarts.StartTimer(version, start, next, _now));
        }
    }
}
