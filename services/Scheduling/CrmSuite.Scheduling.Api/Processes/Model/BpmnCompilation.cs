using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CrmSuite.Scheduling.Api.Processes.Model;

/// <summary>One run of <see cref="BpmnCompiler"/> over a parsed file: reads the process, checks it, collects the problems.</summary>
internal sealed partial class BpmnCompilation(XElement definitions)
{
    private static readonly XNamespace Bpmn = BpmnCompiler.Bpmn;
    private static readonly XNamespace Crm = BpmnCompiler.Crm;

    // Process children that are no steps: read past.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "laneSet", "documentation", "extensionElements", "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation",
        "association", "group", "ioSpecification", "property", "auditing", "monitoring", "correlationSubscription",
    };

    private readonly Dictionary<XElement, int> order = definitions.DescendantsAndSelf().Select((e, i) => (e, i)).ToDictionary(p => p.e, p => p.i);
    private readonly List<(int Order, CompileProblem Problem)> problems = [];
    private readonly Dictionary<string, Step> steps = new(StringComparer.Ordinal);
    private readonly List<Step> stepsInOrder = [];
    private readonly List<Flow> flows = [];
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    private enum StepKind { Start, End, UserTask, ServiceTask, ExclusiveGateway, ParallelGateway, IntermediateTimer, BoundaryTimer, Unsupported }

    /// <summary>A flow node as drawn: its kind decides the structure checks even when its settings are wrong (then <see cref="Node"/> is null).</summary>
    private sealed class Step(XElement xml, string id, string name, StepKind kind)
    {
        public XElement Xml { get; } = xml;
        public string Id { get; } = id;
        public string Name { get; } = name;
        public StepKind Kind { get; } = kind;
        public FlowNode? Node { get; set; }
        public List<Flow> Incoming { get; } = [];
        public List<Flow> Outgoing { get; } = [];
        public List<Step> Boundaries { get; } = [];
        /// <summary>A person or a timer holds the token here, so a loop through it does not spin.</summary>
        public bool Waits => Kind is StepKind.UserTask or StepKind.IntermediateTimer or StepKind.BoundaryTimer;
    }

    private sealed class Flow(XElement xml, string id, string name, string? source, string? target, string? condition)
    {
        public XElement Xml { get; } = xml;
        public string Id { get; } = id;
        public string Name { get; } = name;
        public string? SourceRef { get; } = source;
        public string? TargetRef { get; } = target;
        public string? Condition { get; set; } = condition;
        public Step? Source { get; set; }
        public Step? Target { get; set; }
    }

    public CompileResult Run()
    {
        var process = ChooseProcess();
        if (process is null)
            return Result(null);

        foreach (var child in process.Elements().Where(e => e.Name.Namespace == Bpmn && !Ignored.Contains(e.Name.LocalName)))
        {
            if (child.Name.LocalName == "sequenceFlow")
                ReadFlow(child);
            else
                ReadStep(child);
        }

        ConnectFlows();
        AttachBoundaries();
        CheckStructure();
        CheckGateways();
        if (!stepsInOrder.Any(s => s.Kind == StepKind.Start))
            Problem(process, CompileProblems.NoStartEvent,
                "The process has no start event: add one (plain for a manual start, a message for lead created, deal stage changed or company created, or a timer)",
                "В процессе нет начального события: добавьте его (простое — для запуска вручную, сообщение — «создан лид», «сделка сменила стадию», «создана компания», или таймер)");
        CheckReachability();
        CheckLoops();

        return Result(problems.Count == 0 ? Build(process) : null);
    }

    private CompileResult Result(ProcessDefinition? definition) =>
        new(definition, [.. problems.OrderBy(p => p.Order).Select(p => p.Problem)]);

    /// <summary>
    /// The one process with steps: a collaboration's other pools may be empty ("black boxes");
    /// with several drawn, the only one marked executable.
    /// </summary>
    private XElement? ChooseProcess()
    {
        var drawn = definitions.Elements(Bpmn + "process").Where(p => p.Elements().Any(e => e.Name.Namespace == Bpmn && !Ignored.Contains(e.Name.LocalName))).ToList();
        if (drawn.Count == 1)
            return drawn[0];
        var executable = drawn.Where(p => (string?)p.Attribute("isExecutable") == "true").ToList();
        if (executable.Count == 1)
            return executable[0];
        if (drawn.Count == 0)
            Problem(definitions, CompileProblems.NoProcess, "The file has no process with steps: draw a start event, the steps and an end event",
                "В файле нет процесса с шагами: нарисуйте начальное событие, шаги и конечное событие");
        else
            Problem(definitions, CompileProblems.SeveralProcesses,
                $"The file has {drawn.Count} processes with steps: the engine runs one; keep one pool, or mark exactly one process as executable",
                $"В файле несколько процессов с шагами ({drawn.Count}): движок выполняет один; оставьте один пул или отметьте исполняемым ровно один процесс");
        return null;
    }

    private void ReadFlow(XElement xml)
    {
        if (Identify(xml) is not { } id)
            return;
        var condition = xml.Element(Bpmn + "conditionExpression") is { } expression ? ConditionText(expression.Value) : null;
        var flow = new Flow(xml, id, NameOf(xml, id), Attr(xml, "sourceRef"), Attr(xml, "targetRef"), condition);
        flows.Add(flow);
        if (condition is not null && Attr(xml.Element(Bpmn + "conditionExpression")!, "language") is { } language
            && !language.Equals("ncalc", StringComparison.OrdinalIgnoreCase))
        {
            Problem(xml, CompileProblems.BadCondition, id, flow.Name,
                $"The condition is written in \"{language}\": conditions are NCalc expressions over the process's variables (amount > 100000 and won == true); remove the language",
                $"Условие записано на языке «{language}»: условия — выражения NCalc над переменными процесса (amount > 100000 and won == true); уберите язык");
            flow.Condition = null;
        }
    }

    // Camunda writes conditions as ${won == true}; the expression inside reads the same in NCalc.
    private static string? ConditionText(string text)
    {
        text = text.Trim();
        if (text.Length > 3 && text[0] is '$' or '#' && text[1] == '{' && text[^1] == '}')
            text = text[2..^1].Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>The element's id, or null after reporting it missing or taken.</summary>
    private string? Identify(XElement xml)
    {
        var id = Attr(xml, "id");
        if (id is null)
        {
            Problem(xml, CompileProblems.MissingId, "", "",
                $"A {xml.Name.LocalName} has no id: save the file again from a BPMN modeler",
                $"У элемента {xml.Name.LocalName} нет id: сохраните файл заново из редактора BPMN");
            return null;
        }
        if (!ids.Add(id))
        {
            Problem(xml, CompileProblems.DuplicateId, id, NameOf(xml, id),
                $"The id \"{id}\" is used by two elements: every element needs its own",
                $"Id «{id}» есть у двух элементов: у каждого элемента должен быть свой");
            return null;
        }
        return id;
    }

    private static string? Attr(XElement xml, XName name) => xml.Attribute(name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static string? CrmAttr(XElement xml, string name) => Attr(xml, Crm + name);

    /// <summary>The name as people see it (line breaks the modeler keeps become spaces), the id when there is none.</summary>
    private static string NameOf(XElement xml, string id) =>
        Attr(xml, "name") is { } name ? Whitespace().Replace(name, " ") : id;

    private void Problem(XElement at, string code, string en, string ru)
    {
        var id = Attr(at, "id") ?? "";
        var name = at.Name == Bpmn + "definitions" || at.Name == Bpmn + "process" && Attr(at, "name") is null ? "" : NameOf(at, id);
        Problem(at, code, at.Name == Bpmn + "definitions" ? "" : id, name, en, ru);
    }

    private void Problem(XElement at, string code, string id, string name, string en, string ru) =>
        problems.Add((order.GetValueOrDefault(at), new CompileProblem(id, name, code, en, ru)));

    private void Problem(Step step, string code, string en, string ru) => Problem(step.Xml, code, step.Id, step.Name, en, ru);

    private void Problem(Flow flow, string code, string en, string ru) => Problem(flow.Xml, code, flow.Id, flow.Name, en, ru);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
