using CrmSuite.Scheduling.Api.Processes.Model;

namespace CrmSuite.Scheduling.UnitTests.Processes;

/// <summary>Files the engine runs compile into the model it reads, whichever modeler saved them.</summary>
public sealed class BpmnCompilerTests
{
    private static ProcessDefinition Compiled(string fixture)
    {
        var result = BpmnCompiler.Compile(BpmnFixtures.Read(fixture));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems.Select(p => $"{p.ElementId} {p.Code}: {p.MessageEn}")));
        return result.Definition!;
    }

    [Fact]
    public void Every_element_the_engine_runs_compiles_with_its_settings()
    {
        var process = Compiled("good/every-element.bpmn");

        Assert.Equal([TriggerKind.Manual, TriggerKind.LeadCreated, TriggerKind.DealStageChanged, TriggerKind.CompanyCreated], process.StartEvents.Select(s => s.Trigger));
        Assert.Equal("stage-won", process.StartEvents.Single(s => s.Trigger == TriggerKind.DealStageChanged).StageId);

        var call = Assert.IsType<UserTask>(process.Nodes["Task_Call"]);
        Assert.Equal("Call the client", call.Name);
        Assert.Equal("person:7f3c2a", call.Assignee);
        Assert.Equal("PT2H", call.DueIn);
        Assert.Equal([15, 60], call.ReminderMinutes!);
        Assert.Equal("call", call.TaskType);
        Assert.Equal(["Flow_ToCall"], call.Incoming);
        Assert.Equal(["Flow_ToPlain"], call.Outgoing);
        Assert.Collection(call.BoundaryTimers,
            late =>
            {
                Assert.Equal(("Boundary_Late", "Task_Call", "PT2H", true, "escalate"), (late.Id, late.AttachedTo, late.Timer.Duration, late.Interrupting, late.OnLate));
                Assert.Equal(["Flow_Late"], late.Outgoing);
            },
            notify => Assert.Equal(("Boundary_Notify", false, "notify"), (notify.Id, notify.Interrupting, notify.OnLate)));

        var plain = Assert.IsType<UserTask>(process.Nodes["Task_Plain"]);
        Assert.Equal(("owner", "task", null), (plain.Assignee, plain.TaskType, plain.DueIn));
        Assert.Equal("roundRobin:team-1", Assert.IsType<UserTask>(process.Nodes["Task_Small"]).Assignee);
        Assert.Equal("teamHead", Assert.IsType<UserTask>(process.Nodes["Task_Escalated"]).Assignee);

        var email = Assert.IsType<ServiceTask>(process.Nodes["Task_Email"]);
        Assert.Equal(ServiceAction.Email, email.Action);
        Assert.Equal("Big deal {{ deal.name }}", email.Settings[CrmBpmn.EmailSubject]);
        Assert.Equal("owner", email.Settings[CrmBpmn.EmailTo]);
        Assert.Equal("stage-negotiation", Assert.IsType<ServiceTask>(process.Nodes["Task_Stage"]).Settings[CrmBpmn.StageId]);
        Assert.Equal("tpl-contract", Assert.IsType<ServiceTask>(process.Nodes["Task_Document"]).Settings[CrmBpmn.DocumentTemplateId]);
        var webhook = Assert.IsType<ServiceTask>(process.Nodes["Task_Webhook"]);
        Assert.Equal((ServiceAction.Webhook, "https://erp.example.com/hooks/deal?x=1"), (webhook.Action, webhook.Settings[CrmBpmn.WebhookUrl]));

        var amount = Assert.IsType<ExclusiveGateway>(process.Nodes["Gateway_Amount"]);
        Assert.Equal("Flow_Small", amount.DefaultFlow);
        Assert.Equal(["Flow_Big", "Flow_Small"], amount.Outgoing);
        Assert.Equal("amount > 100000 and won == true", process.Flows["Flow_Big"].Condition);
        Assert.Null(process.Flows["Flow_Small"].Condition);

        Assert.Equal(4, Assert.IsType<ParallelGateway>(process.Nodes["Gateway_Fork"]).Outgoing.Count);
        Assert.Equal(4, Assert.IsType<ParallelGateway>(process.Nodes["Gateway_Join"]).Incoming.Count);
        Assert.Equal("P1M", Assert.IsType<IntermediateTimer>(process.Nodes["Timer_Wait"]).Timer.Duration);
        Assert.IsType<EndEvent>(process.Nodes["End_Done"]);
        Assert.IsType<BoundaryTimer>(process.Nodes["Boundary_Late"]);
    }

    [Fact]
    public void Timer_starts_keep_their_date_and_cycle()
    {
        var process = Compiled("good/timer-starts.bpmn");

        var (once, weekly) = (process.StartEvents.First(), process.StartEvents.Last());
        Assert.Equal(TriggerKind.Timer, once.Trigger);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.FromHours(3)), once.Timer!.Date);
        Assert.Equal("R12/2027-01-04T09:00:00+01:00/P1W", weekly.Timer!.Cycle);
    }

    [Fact]
    public void A_loop_back_to_a_user_task_is_allowed_because_a_person_holds_it()
    {
        var process = Compiled("good/loop-through-a-user-task.bpmn");

        Assert.Equal(["Flow_1", "Flow_Again"], process.Nodes["Task_Try"].Incoming);
    }

    [Fact]
    public void A_file_saved_by_Camunda_Modeler_5_compiles_with_its_camunda_attributes_ignored()
    {
        var process = Compiled("good/camunda-modeler-5.bpmn");

        Assert.Equal("Discount approval", process.Name);
        Assert.Equal(TriggerKind.Manual, process.StartEvents.Single().Trigger);
        // camunda:assignee is not ours: the task goes to the record's owner.
        Assert.Equal("owner", Assert.IsType<UserTask>(process.Nodes["Activity_0review"]).Assignee);
        // Camunda's ${...} around a condition is taken off; the expression reads the same in NCalc.
        Assert.Equal("approved == true && amount < 1000", process.Flows["Flow_0approved"].Condition);
        var reminder = Assert.Single(Assert.IsType<UserTask>(process.Nodes["Activity_0review"]).BoundaryTimers);
        Assert.Equal((false, "P1D", "notify"), (reminder.Interrupting, reminder.Timer.Duration, reminder.OnLate));
    }

    [Fact]
    public void A_bpmn_io_demo_diagram_with_a_pool_lanes_plain_tasks_and_annotations_compiles()
    {
        var process = Compiled("good/bpmn-io-demo.bpmn");

        Assert.Equal("Sales", process.Name);
        Assert.Equal(["Qualify the lead", "Propose"], process.Nodes.Values.OfType<UserTask>().Select(t => t.Name));
    }

    [Fact]
    public void A_byte_order_mark_or_blank_lines_before_the_XML_declaration_do_not_stop_a_file()
    {
        var result = BpmnCompiler.Compile("\uFEFF\n  " + BpmnFixtures.Read("good/timer-starts.bpmn"));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Compiling_the_same_file_twice_gives_the_same_model()
    {
        var xml = BpmnFixtures.Read("good/every-element.bpmn");

        var (first, second) = (BpmnCompiler.Compile(xml).Definition!, BpmnCompiler.Compile(xml).Definition!);

        Assert.Equal(first.Nodes.Keys, second.Nodes.Keys);
        Assert.Equal(first.Flows.Values, second.Flows.Values);
    }
}
