using CrmSuite.Scheduling.Api.Processes.Model;

namespace CrmSuite.Scheduling.UnitTests.Processes;

/// <summary>What the engine cannot run is refused with the element's id, a stable code and a message in English and Russian that names the problem.</summary>
public sealed class BpmnRefusalTests
{
    [Theory]
    [InlineData("inclusive-gateway.bpmn", "Gateway_Inclusive", CompileProblems.UnsupportedElement, "inclusive gateway is not supported")]
    [InlineData("event-based-gateway.bpmn", "Gateway_Events", CompileProblems.UnsupportedElement, "event-based gateway")]
    [InlineData("subprocess.bpmn", "SubProcess_Onboard", CompileProblems.UnsupportedElement, "subprocess")]
    [InlineData("call-activity.bpmn", "Call_Billing", CompileProblems.UnsupportedElement, "call activity")]
    [InlineData("script-task.bpmn", "Task_Script", CompileProblems.UnsupportedElement, "script task")]
    [InlineData("message-intermediate-event.bpmn", "Event_Reply", CompileProblems.UnsupportedElement, "timer intermediate event")]
    [InlineData("terminate-end-event.bpmn", "End_Terminate", CompileProblems.UnsupportedElement, "terminate end event")]
    [InlineData("signal-start-event.bpmn", "Start_Signal", CompileProblems.UnsupportedStartEvent, "start event")]
    [InlineData("unknown-message.bpmn", "Start_Message", CompileProblems.UnknownMessage, "deal.created")]
    [InlineData("task-without-outgoing.bpmn", "Task_DeadEnd", CompileProblems.MissingOutgoing, "Nothing leaves this step")]
    [InlineData("task-without-incoming.bpmn", "Task_Floating", CompileProblems.MissingIncoming, "Nothing leads to this step")]
    [InlineData("flow-to-unknown-element.bpmn", "Flow_Lost", CompileProblems.UnknownReference, "Task_Gone")]
    [InlineData("endless-loop.bpmn", "Gateway_Spin", CompileProblems.EndlessLoop, "loop with no user task or timer")]
    [InlineData("bad-duration.bpmn", "Timer_Wait", CompileProblems.BadDuration, "PT1X")]
    [InlineData("bad-date.bpmn", "Start_Date", CompileProblems.BadDate, "2027-01-01")]
    [InlineData("bad-cycle.bpmn", "Start_Cron", CompileProblems.BadCycle, "0 0 9 1 * ?")]
    [InlineData("start-timer-with-duration.bpmn", "Start_In", CompileProblems.WrongTimerKind, "date or a cycle")]
    [InlineData("bad-due-in.bpmn", "Task_Due", CompileProblems.BadDuration, "1 hour")]
    [InlineData("email-without-subject.bpmn", "Task_Mail", CompileProblems.MissingSetting, "subject")]
    [InlineData("stage-without-stage.bpmn", "Task_Stage", CompileProblems.MissingSetting, "stage")]
    [InlineData("document-without-template.bpmn", "Task_Doc", CompileProblems.MissingSetting, "document template")]
    [InlineData("webhook-not-http.bpmn", "Task_Hook", CompileProblems.BadSetting, "ftp://example.com/x")]
    [InlineData("service-task-without-action.bpmn", "Task_Java", CompileProblems.MissingAction, "no action")]
    [InlineData("unknown-assignee.bpmn", "Task_Who", CompileProblems.BadAssignee, "manager:5")]
    [InlineData("reminders-not-positive.bpmn", "Task_Remind", CompileProblems.BadReminders, "15,-5")]
    [InlineData("bad-on-late.bpmn", "Boundary_1", CompileProblems.BadOnLate, "panic")]
    [InlineData("boundary-on-service-task.bpmn", "Boundary_Hook", CompileProblems.BoundaryNotOnUserTask, "user task")]
    [InlineData("missing-condition.bpmn", "Flow_B", CompileProblems.MissingCondition, "no condition")]
    [InlineData("condition-after-a-task.bpmn", "Flow_Cond", CompileProblems.ConditionNotSupported, "exclusive gateway")]
    [InlineData("several-outgoing-from-a-task.bpmn", "Task_Split", CompileProblems.SeveralOutgoing, "parallel gateway")]
    [InlineData("multi-instance-task.bpmn", "Task_Each", CompileProblems.MultiInstance, "multi-instance")]
    [InlineData("duplicate-id.bpmn", "Task_1", CompileProblems.DuplicateId, "Task_1")]
    [InlineData("wrong-default-flow.bpmn", "Gateway_1", CompileProblems.BadDefaultFlow, "Flow_1")]
    public void An_element_the_engine_cannot_run_is_refused_with_its_id_a_code_and_a_message_naming_the_problem(string file, string elementId, string code, string words)
    {
        var result = BpmnCompiler.Compile(BpmnFixtures.Read($"bad/{file}"));

        Assert.Null(result.Definition);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((elementId, code), (problem.ElementId, problem.Code));
        Assert.Contains(words, problem.MessageEn, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("[а-яА-ЯёЁ]", problem.MessageRu);
    }

    [Fact]
    public void An_inclusive_gateway_is_refused_in_English_and_Russian_with_what_to_use_instead()
    {
        var problem = Assert.Single(BpmnCompiler.Compile(BpmnFixtures.Read("bad/inclusive-gateway.bpmn")).Problems);

        Assert.Equal("Any of", problem.ElementName);
        Assert.Equal("An inclusive gateway is not supported: use an exclusive or a parallel gateway", problem.MessageEn);
        Assert.Equal("Включающий шлюз не поддерживается: используйте исключающий или параллельный шлюз", problem.MessageRu);
        Assert.Equal(problem.MessageRu, problem.MessageIn(System.Globalization.CultureInfo.GetCultureInfo("ru-RU")));
        Assert.Equal(problem.MessageEn, problem.MessageIn(System.Globalization.CultureInfo.GetCultureInfo("de-DE")));
    }

    [Fact]
    public void A_condition_that_does_not_parse_names_the_flow_and_the_condition()
    {
        var problem = Assert.Single(BpmnCompiler.Compile(BpmnFixtures.Read("bad/condition-syntax-error.bpmn")).Problems);

        Assert.Equal(("Flow_Broken", "Big amount", CompileProblems.BadCondition), (problem.ElementId, problem.ElementName, problem.Code));
        Assert.Contains("amount > (10", problem.MessageEn, StringComparison.Ordinal);
        Assert.Contains("amount > (10", problem.MessageRu, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_no_start_reaches_are_each_reported()
    {
        var problems = BpmnCompiler.Compile(BpmnFixtures.Read("bad/unreachable-steps.bpmn")).Problems;

        Assert.Equal([("Task_Orphan", CompileProblems.Unreachable), ("Task_Twin", CompileProblems.Unreachable)], problems.Select(p => (p.ElementId, p.Code)));
    }

    [Fact]
    public void A_process_without_a_start_event_is_refused_on_the_process()
    {
        var problems = BpmnCompiler.Compile(BpmnFixtures.Read("bad/no-start-event.bpmn")).Problems;

        Assert.Contains(problems, p => p is { ElementId: "Process_1", Code: CompileProblems.NoStartEvent });
    }

    [Fact]
    public void Two_executable_pools_are_refused_as_a_whole_file_problem()
    {
        var problem = Assert.Single(BpmnCompiler.Compile(BpmnFixtures.Read("bad/several-processes.bpmn")).Problems);

        Assert.Equal(("", CompileProblems.SeveralProcesses), (problem.ElementId, problem.Code));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_document_order_not_just_the_first()
    {
        var problems = BpmnCompiler.Compile(BpmnFixtures.Read("bad/many-problems.bpmn")).Problems;

        Assert.Equal(
            [
                ("Task_A", CompileProblems.BadAssignee),
                ("Gateway_B", CompileProblems.UnsupportedElement),
                ("Task_C", CompileProblems.MissingSetting), // emailTo
                ("Task_C", CompileProblems.MissingSetting), // emailSubject
                ("Flow_5", CompileProblems.UnknownReference),
            ],
            problems.Select(p => (p.ElementId, p.Code)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is not xml")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process>")]
    public void Text_that_is_not_XML_is_refused_cleanly(string text)
    {
        var problem = Assert.Single(BpmnCompiler.Compile(text).Problems);

        Assert.Equal(("", CompileProblems.NotXml), (problem.ElementId, problem.Code));
    }

    [Fact]
    public void XML_that_is_not_BPMN_is_refused()
    {
        var problem = Assert.Single(BpmnCompiler.Compile("<html><body>hello</body></html>").Problems);

        Assert.Equal(CompileProblems.NotBpmn, problem.Code);
    }

    [Fact]
    public void An_external_entity_is_never_read_the_file_is_refused_for_its_DTD()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "TOP-SECRET");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE definitions [ <!ENTITY leak SYSTEM "file://{secret}"> ]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
                  <bpmn:process id="P"><bpmn:startEvent id="S" name="&leak;" /></bpmn:process>
                </bpmn:definitions>
                """;

            var result = BpmnCompiler.Compile(xml);

            var problem = Assert.Single(result.Problems);
            Assert.Equal(CompileProblems.DtdRefused, problem.Code);
            Assert.DoesNotContain("TOP-SECRET", problem.MessageEn + problem.MessageRu, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_unread()
    {
        var problem = Assert.Single(BpmnCompiler.Compile(new string(' ', BpmnCompiler.MaxXmlLength + 1) + "<x/>").Problems);

        Assert.Equal(CompileProblems.TooLarge, problem.Code);
    }
}
