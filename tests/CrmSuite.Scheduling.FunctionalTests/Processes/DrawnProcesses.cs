using System.Collections.Concurrent;
using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Api.Processes.Model;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>
/// The compiler as the service uses it, plus drawings the tests build in code: a registered
/// drawing's "XML" is a marker the service stores and publishes like any file, and compiles to the
/// definition built here (or to the problems given). Anything else goes to the real compiler.
/// </summary>
public sealed class DrawnProcesses : ProcessCompiler
{
    private static readonly ConcurrentDictionary<string, CompileResult> Drawn = new();

    public static string Register(ProcessDefinition definition)
    {
        var xml = $"<test-drawing id=\"{Guid.NewGuid():N}\" name=\"{definition.Name}\"/>";
        Drawn[xml] = new CompileResult(definition, []);
        return xml;
    }

    public static string RegisterBroken(params CompileProblem[] problems)
    {
        var xml = $"<test-drawing id=\"{Guid.NewGuid():N}\" broken=\"true\"/>";
        Drawn[xml] = new CompileResult(null, problems);
        return xml;
    }

    public override CompileResult Compile(string xml) => Drawn.TryGetValue(xml, out var result) ? result : base.Compile(xml);
}

/// <summary>A process drawn in code, flow by flow: each node's incoming and outgoing flows follow from the flows.</summary>
public sealed class Drawing(string name)
{
    private readonly List<FlowNode> _nodes = [];
    private readonly List<SequenceFlow> _flows = [];

    public Drawing Node(FlowNode node)
    {
        _nodes.Add(node);
        return this;
    }

    public Drawing Start(string id = "start", TriggerKind trigger = TriggerKind.Manual, TimerSpec? timer = null) =>
        Node(new StartEvent { Id = id, Name = id, Trigger = trigger, Timer = timer });

    public Drawing Task(string id, string title, string? dueIn = null, string assignee = "owner", params BoundaryTimer[] boundaries) =>
        Node(new UserTask { Id = id, Name = title, DueIn = dueIn, Assignee = assignee, BoundaryTimers = boundaries });

    public Drawing End(string id = "end") => Node(new EndEvent { Id = id, Name = id });

    public Drawing Flow(string from, string to, string? condition = null, string? id = null)
    {
        _flows.Add(new SequenceFlow(id ?? $"{from}->{to}", id ?? $"{from}->{to}", from, to) { Condition = condition });
        return this;
    }

    public ProcessDefinition Build()
    {
        var nodes = _nodes.Select(n => n with
        {
            Incoming = [.. _flows.Where(f => f.Target == n.Id).Select(f => f.Id)],
            Outgoing = [.. _flows.Where(f => f.Source == n.Id).Select(f => f.Id)],
        }).ToList();
        // A boundary timer is also listed on its task (as the compiler does).
        nodes = [.. nodes.Select(n => n is UserTask task
            ? task with { BoundaryTimers = [.. nodes.OfType<BoundaryTimer>().Where(b => b.AttachedTo == task.Id)] }
            : n)];
        return new ProcessDefinition
        {
            ProcessId = "Process_" + name.Replace(' ', '_'), Name = name,
            Nodes = nodes.ToDictionary(n => n.Id), Flows = _flows.ToDictionary(f => f.Id),
        };
    }

    public string Register() => DrawnProcesses.Register(Build());
}
