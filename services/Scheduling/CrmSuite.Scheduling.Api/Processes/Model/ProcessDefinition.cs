namespace CrmSuite.Scheduling.Api.Processes.Model;

// The executable subset of BPMN 2.0 that the engine runs: what the compiler (BpmnCompiler) makes
// of a .bpmn file, and the only thing the engine reads. Stored XML is the source; a published
// version keeps its XML and is compiled again when loaded (compiling is pure and deterministic).

/// <summary>
/// Our own attributes on BPMN elements, in one XML namespace (declared as <c>xmlns:crm</c> by the
/// editor; bpmn-js keeps them through import and export, other modelers ignore them).
/// </summary>
public static class CrmBpmn
{
    public const string Namespace = "http://crmsuite.dev/schema/bpmn/1.0";
    public const string Prefix = "crm";

    // bpmn:userTask
    /// <summary>"owner" (the record's responsible manager; the default), "teamHead" (the owner's team head), "person:{userId}", "roundRobin:{teamId}".</summary>
    public const string Assignee = "assignee";
    /// <summary>ISO 8601 duration from the task's creation to its due time ("PT1H", "P3D"); none: due in one day.</summary>
    public const string DueIn = "dueIn";
    /// <summary>Minutes before the due time, comma-separated ("15,60"); none: the task type's defaults.</summary>
    public const string Reminders = "reminders";
    /// <summary>An activity type's code ("call", "meeting", "email", "task") or id; none: "task".</summary>
    public const string TaskType = "taskType";

    // bpmn:serviceTask (and bpmn:sendTask for "email")
    /// <summary>"email", "setDealStage", "createDocument", "webhook".</summary>
    public const string Action = "action";
    /// <summary>email: to whom: "owner", "teamHead", "record" (the record's e-mail), or an address.</summary>
    public const string EmailTo = "emailTo";
    /// <summary>email: the subject, a Liquid template over the instance's variables.</summary>
    public const string EmailSubject = "emailSubject";
    /// <summary>email: the body, a Liquid template over the instance's variables.</summary>
    public const string EmailBody = "emailBody";
    /// <summary>setDealStage: the stage's id (the record must be a deal).</summary>
    public const string StageId = "stageId";
    /// <summary>createDocument: the documents service's template id.</summary>
    public const string DocumentTemplateId = "documentTemplateId";
    /// <summary>webhook: the URL that receives a POST of the instance's variables (JSON).</summary>
    public const string WebhookUrl = "webhookUrl";

    // bpmn:boundaryEvent with a timer on a user task
    /// <summary>"notify" (tell the process owner and the assignee; non-interrupting) or "escalate" (the task goes on, its assignee's head is told and made a watcher).</summary>
    public const string OnLate = "onLate";
}

/// <summary>What the engine can be asked to start an instance by.</summary>
public enum TriggerKind
{
    /// <summary>A person starts it from a record's card or the process page.</summary>
    Manual = 1,
    /// <summary>Message start event named "lead.created".</summary>
    LeadCreated = 2,
    /// <summary>Message start event named "deal.stageChanged".</summary>
    DealStageChanged = 3,
    /// <summary>Message start event named "company.created".</summary>
    CompanyCreated = 4,
    /// <summary>Timer start event (a date or a cycle).</summary>
    Timer = 5,
}

/// <summary>A timer: exactly one of a duration (intermediate and boundary timers), a date or a cycle (start timers).</summary>
public sealed record TimerSpec
{
    /// <summary>ISO 8601 duration as written ("PT1H", "P3D", "P1M"): months and years are calendar ones.</summary>
    public string? Duration { get; init; }
    public DateTimeOffset? Date { get; init; }
    /// <summary>ISO 8601 repeating interval ("R/2027-01-01T09:00:00+03:00/P1M", "R12/…/P1W").</summary>
    public string? Cycle { get; init; }
}

public abstract record FlowNode
{
    public required string Id { get; init; }
    /// <summary>The element's name in the drawing; the id when it has none.</summary>
    public required string Name { get; init; }
    public IReadOnlyList<string> Incoming { get; init; } = [];
    public IReadOnlyList<string> Outgoing { get; init; } = [];
}

public sealed record StartEvent : FlowNode
{
    public required TriggerKind Trigger { get; init; }
    /// <summary>Timer starts only.</summary>
    public TimerSpec? Timer { get; init; }
    /// <summary>DealStageChanged only: the stage the deal moved to (none: any stage).</summary>
    public string? StageId { get; init; }
}

public sealed record EndEvent : FlowNode;

public sealed record UserTask : FlowNode
{
    public string Assignee { get; init; } = "owner";
    public string? DueIn { get; init; }
    public IReadOnlyList<int>? ReminderMinutes { get; init; }
    public string TaskType { get; init; } = "task";
    public IReadOnlyList<BoundaryTimer> BoundaryTimers { get; init; } = [];
}

public enum ServiceAction { Email = 1, SetDealStage = 2, CreateDocument = 3, Webhook = 4 }

public sealed record ServiceTask : FlowNode
{
    public required ServiceAction Action { get; init; }
    /// <summary>The action's settings, keyed by the <see cref="CrmBpmn"/> attribute names.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

/// <summary>Takes the first outgoing flow (in document order) whose NCalc condition holds, else the default flow.</summary>
public sealed record ExclusiveGateway : FlowNode
{
    public string? DefaultFlow { get; init; }
}

/// <summary>Forks to every outgoing flow; joins by waiting for a token on every incoming flow.</summary>
public sealed record ParallelGateway : FlowNode;

public sealed record IntermediateTimer : FlowNode
{
    public required TimerSpec Timer { get; init; }
}

/// <summary>A timer on a user task: fires when the task is still open after the duration.</summary>
public sealed record BoundaryTimer : FlowNode
{
    public required string AttachedTo { get; init; }
    public required TimerSpec Timer { get; init; }
    /// <summary>bpmn cancelActivity: true ends the task and follows the boundary's outgoing flow.</summary>
    public bool Interrupting { get; init; }
    /// <summary>"notify" or "escalate" (<see cref="CrmBpmn.OnLate"/>).</summary>
    public string OnLate { get; init; } = "notify";
}

public sealed record SequenceFlow(string Id, string Name, string Source, string Target)
{
    /// <summary>An NCalc expression over the instance's variables; none: unconditional.</summary>
    public string? Condition { get; init; }
}

/// <summary>One executable process: its nodes by id and its flows by id.</summary>
public sealed record ProcessDefinition
{
    public required string ProcessId { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyDictionary<string, FlowNode> Nodes { get; init; }
    public required IReadOnlyDictionary<string, SequenceFlow> Flows { get; init; }

    public IEnumerable<StartEvent> StartEvents => Nodes.Values.OfType<StartEvent>();
}

/// <summary>A reason the engine cannot run a file, tied to its element (ProcessProblem in the API).</summary>
public sealed record CompileProblem(string ElementId, string ElementName, string Code, string MessageEn, string MessageRu)
{
    /// <summary>The message in Russian for a Russian culture, in English otherwise (ProcessProblem.message follows Accept-Language).</summary>
    public string MessageIn(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "ru" ? MessageRu : MessageEn;
}

public sealed record CompileResult(ProcessDefinition? Definition, IReadOnlyList<CompileProblem> Problems)
{
    public bool Succeeded => Definition is not null && Problems.Count == 0;
}
