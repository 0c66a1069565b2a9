namespace CrmSuite.Scheduling.Api.Processes.Storage;

/// <summary>A drawn business process: its draft (kept even when it does not compile) and who is told of late steps.</summary>
public sealed class Process
{
    public Guid Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string DraftXml { get; set; } = string.Empty;
    public string OwnerUserId { get; set; } = string.Empty;
    public string OwnerName { get; set; } = string.Empty;
    public bool Archived { get; set; }
    /// <summary>The newest published version's number (0: never published).</summary>
    public int PublishedVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

/// <summary>A published version: immutable; instances run on the one they started on.</summary>
public sealed class ProcessVersion
{
    public Guid Id { get; set; }
    public Guid ProcessId { get; set; }
    public int Number { get; set; }
    public string Xml { get; set; } = string.Empty;
    public DateTimeOffset PublishedAt { get; set; }
    public string PublishedBy { get; set; } = string.Empty;
    public string PublishedByName { get; set; } = string.Empty;
}

public enum InstanceState : short { Running = 1, Completed = 2, Cancelled = 3, Failed = 4 }

/// <summary>One run of a version, usually for one record (a company, a deal or a lead).</summary>
public sealed class ProcessInstance
{
    public Guid Id { get; set; }
    public Guid ProcessId { get; set; }
    public Guid VersionId { get; set; }
    public int VersionNumber { get; set; }
    public InstanceState State { get; set; } = InstanceState.Running;
    public Guid? CompanyId { get; set; }
    public Guid? DealId { get; set; }
    public Guid? LeadId { get; set; }
    public string RecordName { get; set; } = string.Empty;
    /// <summary>The record's responsible manager when the instance started (the "owner" assignee rule; who sees the instance).</summary>
    public string? RecordOwnerUserId { get; set; }
    public string? RecordTeamId { get; set; }
    /// <summary>Text values by name: the start's variables, task results ("&lt;taskId&gt;.result"), the trigger's fields.</summary>
    public Dictionary<string, string> Variables { get; set; } = [];
    /// <summary>What started it: "manual", "lead.created", "deal.stageChanged", "company.created", "timer".</summary>
    public string Trigger { get; set; } = string.Empty;
    /// <summary>What exactly (the lead, the deal's move, the timer's occurrence): with the process, unique, so a trigger starts one instance.</summary>
    public string? TriggerKey { get; set; }
    public string? StartedByUserId { get; set; }
    public string StartedByName { get; set; } = string.Empty;
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum TokenState : short { Ready = 1, Waiting = 2, Done = 3, Failed = 4, Cancelled = 5 }

/// <summary>
/// A token's visit of one element: a new token for every element it moves to, so (instance,
/// element, token) names one execution of a step, also in a loop.
/// </summary>
public sealed class ProcessToken
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ElementId { get; set; } = string.Empty;
    /// <summary>The flow it arrived by (a parallel join waits for one on each incoming flow).</summary>
    public string? ArrivedBy { get; set; }
    public TokenState State { get; set; } = TokenState.Ready;
    /// <summary>A user task's scheduling task.</summary>
    public Guid? TaskItemId { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

public enum StepState : short { Done = 1, Failed = 2 }

/// <summary>
/// One executed step, unique per (instance, element, token): the effect it had (the task created,
/// the e-mail sent, the stage set, the webhook called) happens once. A failed step is run again by
/// a retry; a done one never.
/// </summary>
public sealed class ProcessStep
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ElementId { get; set; } = string.Empty;
    public Guid TokenId { get; set; }
    public StepState State { get; set; }
    /// <summary>What it made: a task's id, an HTTP status, a stage id.</summary>
    public string? Effect { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>A user task's assignee and the rule that chose them (round robin goes on from the last one it chose).</summary>
    public string? AssigneeUserId { get; set; }
    public string? AssigneeRule { get; set; }
}

/// <summary>One line of an instance's log: who did what, when; an error is marked.</summary>
public sealed class ProcessLogEntry
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset At { get; set; }
    public string ElementId { get; set; } = string.Empty;
    public string ElementName { get; set; } = string.Empty;
    public string TextEn { get; set; } = string.Empty;
    public string TextRu { get; set; } = string.Empty;
    public string ActorName { get; set; } = string.Empty;
    public bool Error { get; set; }
}

public enum TimerKind : short
{
    /// <summary>A token is ready to run its element (due at once).</summary>
    Advance = 1,
    /// <summary>An intermediate timer elapsed.</summary>
    Intermediate = 2,
    /// <summary>A boundary timer on a user task elapsed.</summary>
    Boundary = 3,
    /// <summary>A user task passed its due time: its process's owner is told.</summary>
    Late = 4,
    /// <summary>A timer start event's occurrence: a new instance of <see cref="ProcessTimer.VersionId"/>.</summary>
    Start = 5,
}

public enum TimerState : short { Pending = 1, Fired = 2, Dropped = 3 }

/// <summary>
/// The engine's due-time table, claimed like reminders (Infrastructure/DueTimeClaim.cs) with
/// <c>FOR UPDATE SKIP LOCKED</c> by any replica: every piece of work the engine does is one row
/// here, run and marked fired in one transaction with everything it changes.
/// </summary>
public sealed class ProcessTimer
{
    public Guid Id { get; set; }
    public TimerKind Kind { get; set; }
    public Guid? InstanceId { get; set; }
    public Guid? TokenId { get; set; }
    /// <summary>Start timers: the version whose start event it is.</summary>
    public Guid? VersionId { get; set; }
    public string ElementId { get; set; } = string.Empty;
    public DateTimeOffset DueAt { get; set; }
    public TimerState Status { get; set; } = TimerState.Pending;
    /// <summary>Runs that threw (a database hiccup, a bug): each pushes the row back a little.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
}
