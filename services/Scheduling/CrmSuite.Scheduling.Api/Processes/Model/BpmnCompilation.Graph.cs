using System.Globalization;
using System.Xml.Linq;
using NCalc;
using NCalc.Exceptions;

namespace CrmSuite.Scheduling.Api.Processes.Model;

// How the steps connect: flows, boundaries, gateways, reachability and loops; then the compiled model.
internal sealed partial class BpmnCompilation
{
    private void ConnectFlows()
    {
        foreach (var flow in flows)
        {
            flow.Source = flow.SourceRef is { } s ? steps.GetValueOrDefault(s) : null;
            flow.Target = flow.TargetRef is { } t ? steps.GetValueOrDefault(t) : null;
            if (flow.Source is null || flow.Target is null)
            {
                var missing = flow.Source is null ? flow.SourceRef : flow.TargetRef;
                var end = flow.Source is null ? ("starts", "начинается") : ("ends", "заканчивается");
                Problem(flow, CompileProblems.UnknownReference,
                    $"The flow {end.Item1} at \"{missing}\", which is not a step of this process: connect it to a step or delete it",
                    $"Поток {end.Item2} в «{missing}», а такого шага в процессе нет: соедините его с шагом или удалите");
                continue;
            }
            flow.Source.Outgoing.Add(flow);
            flow.Target.Incoming.Add(flow);
        }
    }

    private void AttachBoundaries()
    {
        foreach (var boundary in stepsInOrder.Where(s => s.Kind == StepKind.BoundaryTimer))
        {
            var attachedTo = Attr(boundary.Xml, "attachedToRef");
            if (attachedTo is not null && steps.GetValueOrDefault(attachedTo) is { Kind: StepKind.UserTask } task)
                task.Boundaries.Add(boundary);
            else
                Problem(boundary, CompileProblems.BoundaryNotOnUserTask,
                    "A boundary timer must sit on a user task: it tells someone when the task is late",
                    "Граничный таймер должен стоять на пользовательской задаче: он сообщает о просрочке задачи");
        }
    }

    private void CheckStructure()
    {
        foreach (var step in stepsInOrder)
        {
            var (needsIncoming, maxIncoming, minOutgoing, maxOutgoing) = step.Kind switch
            {
                StepKind.Start => (false, 0, 1, 1),
                StepKind.End => (true, int.MaxValue, 0, 0),
                StepKind.UserTask or StepKind.ServiceTask or StepKind.IntermediateTimer => (true, int.MaxValue, 1, 1),
                StepKind.ExclusiveGateway or StepKind.ParallelGateway => (true, int.MaxValue, 1, int.MaxValue),
                StepKind.BoundaryTimer => (false, 0, step.Node is BoundaryTimer { Interrupting: true } ? 1 : 0, 1),
                _ => (false, int.MaxValue, 0, int.MaxValue),
            };
            if (needsIncoming && step.Incoming.Count == 0)
                Problem(step, CompileProblems.MissingIncoming, "Nothing leads to this step: connect a flow into it, or delete it",
                    "К этому шагу не ведёт ни один поток: соедините его с предыдущим шагом или удалите");
            if (step.Incoming.Count > maxIncoming)
                Problem(step, CompileProblems.UnexpectedIncoming,
                    step.Kind == StepKind.Start ? "A start event cannot have incoming flows: point them at a step after it" : "A boundary timer cannot have incoming flows",
                    step.Kind == StepKind.Start ? "В начальное событие не могут входить потоки: направьте их в шаг после него" : "В граничный таймер не могут входить потоки");
            if (step.Outgoing.Count < minOutgoing)
                Problem(step, CompileProblems.MissingOutgoing,
                    step.Kind == StepKind.BoundaryTimer ? "An interrupting boundary timer ends the task, so it needs a flow to the next step" : "Nothing leaves this step: connect it to the next step or an end event",
                    step.Kind == StepKind.BoundaryTimer ? "Прерывающий граничный таймер завершает задачу, поэтому от него нужен поток к следующему шагу" : "Из этого шага не выходит ни один поток: соедините его со следующим шагом или конечным событием");
            if (step.Outgoing.Count > maxOutgoing)
                Problem(step, step.Kind == StepKind.End ? CompileProblems.UnexpectedOutgoing : CompileProblems.SeveralOutgoing,
                    step.Kind == StepKind.End ? "An end event cannot have outgoing flows: the path ends here" : "Only a gateway can split the path: put a parallel gateway (all paths) or an exclusive gateway (one path) after this step",
                    step.Kind == StepKind.End ? "Из конечного события не могут выходить потоки: путь здесь заканчивается" : "Разделить путь может только шлюз: поставьте после этого шага параллельный (все ветви) или исключающий (одна ветвь) шлюз");
        }
    }

    private void CheckGateways()
    {
        foreach (var flow in flows.Where(f => f.Condition is not null && f.Source is not null))
        {
            if (flow.Source!.Kind != StepKind.ExclusiveGateway)
            {
                if (flow.Source.Kind != StepKind.Unsupported)
                    Problem(flow, CompileProblems.ConditionNotSupported,
                        "Only a flow leaving an exclusive gateway can have a condition: put an exclusive gateway before the choice, or remove the condition",
                        "Условие может быть только у потока, выходящего из исключающего шлюза: поставьте исключающий шлюз перед выбором или уберите условие");
                flow.Condition = null;
            }
            else if (Attr(flow.Source.Xml, "default") == flow.Id)
                flow.Condition = null; // the default flow is taken when no condition holds; a condition on it means nothing
            else
                CheckCondition(flow);
        }

        foreach (var gateway in stepsInOrder.Where(s => s.Kind == StepKind.ExclusiveGateway))
        {
            var defaultFlow = Attr(gateway.Xml, "default");
            if (defaultFlow is not null && gateway.Outgoing.All(f => f.Id != defaultFlow))
                Problem(gateway, CompileProblems.BadDefaultFlow, $"The default flow \"{defaultFlow}\" does not leave this gateway: choose one of its outgoing flows",
                    $"Поток по умолчанию «{defaultFlow}» не выходит из этого шлюза: выберите один из его исходящих потоков");
            if (gateway.Outgoing.Count < 2)
                continue;
            foreach (var flow in gateway.Outgoing.Where(f => f.Condition is null && f.Id != defaultFlow && f.Xml.Element(Bpmn + "conditionExpression") is null))
                Problem(flow, CompileProblems.MissingCondition,
                    $"The flow from the gateway \"{gateway.Name}\" has no condition: write one (amount > 100000), or make it the gateway's default flow",
                    $"У потока из шлюза «{gateway.Name}» нет условия: напишите его (amount > 100000) или сделайте поток потоком по умолчанию");
        }
    }

    private void CheckCondition(Flow flow)
    {
        try
        {
            LogicalExpressionParser.Parse(flow.Condition!, new LogicalExpressionParserOptions(), CultureInfo.InvariantCulture);
            return;
        }
        catch (Exception e) when (e is NCalcException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            Problem(flow, CompileProblems.BadCondition,
                $"The condition \"{flow.Condition}\" cannot be read ({e.Message}): write it like amount > 100000 and won == true",
                $"Условие «{flow.Condition}» не читается ({e.Message}): запишите его как amount > 100000 and won == true");
        }
    }

    /// <summary>Every step must be reachable from a start event (a step nothing leads to is reported by <see cref="CheckStructure"/>).</summary>
    private void CheckReachability()
    {
        var reached = new HashSet<Step>();
        var queue = new Queue<Step>(stepsInOrder.Where(s => s.Kind == StepKind.Start));
        while (queue.TryDequeue(out var step))
        {
            if (!reached.Add(step))
                continue;
            foreach (var next in step.Outgoing.Select(f => f.Target!).Concat(step.Boundaries))
                queue.Enqueue(next);
        }
        if (!stepsInOrder.Any(s => s.Kind == StepKind.Start))
            return;
        foreach (var step in stepsInOrder.Where(s => !reached.Contains(s) && s.Incoming.Count > 0 && s.Kind is not (StepKind.Unsupported or StepKind.BoundaryTimer)))
            Problem(step, CompileProblems.Unreachable, "No path from a start event reaches this step: connect it to the flow, or delete it",
                "Ни один путь от начального события не доходит до этого шага: подключите его к процессу или удалите");
    }

    /// <summary>
    /// A loop in which nothing waits (no user task, no timer) would run for ever the moment a
    /// token enters it: found as a strongly connected component (Tarjan) with no waiting step.
    /// </summary>
    private void CheckLoops()
    {
        var index = new Dictionary<Step, int>();
        var low = new Dictionary<Step, int>();
        var stack = new Stack<Step>();
        var onStack = new HashSet<Step>();
        var components = new List<List<Step>>();

        IEnumerable<Step> Next(Step s) => s.Outgoing.Select(f => f.Target!).Concat(s.Boundaries);

        // Iterative Tarjan: a drawn process may be a long chain, and recursion depth is the chain's length.
        foreach (var root in stepsInOrder.Where(s => !index.ContainsKey(s)))
        {
            var work = new Stack<(Step Step, IEnumerator<Step> Edges)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (step, edges) = work.Peek();
                if (edges.MoveNext())
                {
                    var next = edges.Current;
                    if (!index.ContainsKey(next))
                        Visit(next);
                    else if (onStack.Contains(next))
                        low[step] = Math.Min(low[step], index[next]);
                    continue;
                }
                work.Pop();
                if (work.Count > 0)
                    low[work.Peek().Step] = Math.Min(low[work.Peek().Step], low[step]);
                if (low[step] == index[step])
                {
                    var component = new List<Step>();
                    Step member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    } while (member != step);
                    components.Add(component);
                }
            }

            void Visit(Step s)
            {
                index[s] = low[s] = index.Count;
                stack.Push(s);
                onStack.Add(s);
                work.Push((s, Next(s).GetEnumerator()));
            }
        }

        foreach (var component in components)
        {
            var isLoop = component.Count > 1 || Next(component[0]).Contains(component[0]);
            if (!isLoop || component.Any(s => s.Waits || s.Kind == StepKind.Unsupported))
                continue;
            var inOrder = component.OrderBy(s => order[s.Xml]).ToList();
            var names = string.Join(" → ", inOrder.Select(s => $"«{s.Name}»"));
            Problem(inOrder[0], CompileProblems.EndlessLoop,
                $"These steps form a loop with no user task or timer in it, so it would run for ever: {names.Replace('«', '"').Replace('»', '"')}; add a user task or a timer to the loop",
                $"Эти шаги образуют петлю без пользовательской задачи и таймера, она выполнялась бы бесконечно: {names}; добавьте в петлю пользовательскую задачу или таймер");
        }
    }

    private ProcessDefinition Build(XElement process)
    {
        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        foreach (var step in stepsInOrder)
        {
            var node = step.Node! with { Incoming = [.. step.Incoming.Select(f => f.Id)], Outgoing = [.. step.Outgoing.Select(f => f.Id)] };
            if (node is UserTask task)
                node = task with { BoundaryTimers = [.. step.Boundaries.Select(b => (BoundaryTimer)b.Node! with { Outgoing = [.. b.Outgoing.Select(f => f.Id)] })] };
            nodes[step.Id] = node;
        }
        var sequenceFlows = flows.ToDictionary(f => f.Id, f => new SequenceFlow(f.Id, f.Name, f.Source!.Id, f.Target!.Id) { Condition = f.Condition }, StringComparer.Ordinal);
        var id = Attr(process, "id") ?? "Process";
        // bpmn.io names the pool (the participant), not the process inside it.
        var participant = definitions.Elements(Bpmn + "collaboration").Elements(Bpmn + "participant").FirstOrDefault(p => Attr(p, "processRef") == id);
        var name = Attr(process, "name") ?? (participant is null ? null : Attr(participant, "name")) ?? Attr(definitions, "name") ?? id;
        return new ProcessDefinition { ProcessId = id, Name = name, Nodes = nodes, Flows = sequenceFlows };
    }
}
