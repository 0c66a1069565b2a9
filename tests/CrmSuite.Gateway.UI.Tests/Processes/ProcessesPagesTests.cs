using Bunit;
using CrmSuite.Gateway.UI.Layout;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Processes;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Gateway.UI.Tests.Processes;

/// <summary>The processes list, the editor's panel and problems, and monitoring, over fake answers.</summary>
public sealed class ProcessesPagesTests : ProcessTest
{
    private static readonly ProcessProblem InclusiveGateway = new()
    {
        ElementId = "Gateway_2", ElementName = "Which offer?", Code = "unsupported_element",
        Message = "An inclusive gateway is not supported: use an exclusive or a parallel gateway",
    };

    private static BpmnElement UserTask(params (string Name, string Value)[] attributes) =>
        new("Task_call", BpmnTypes.UserTask, "Call the lead", attributes.ToDictionary(a => a.Name, a => a.Value), null, null, null, false, null, null);

    [Fact]
    public void Without_processes_a_designer_sees_the_empty_state_with_new_process()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);

        var page = Render<ProcessesPage>();

        page.WaitForElement("[data-testid=processes-empty]");
        Assert.Contains(Texts.Processes.Empty.En, page.Find("[data-testid=processes-empty]").TextContent);
        Assert.NotNull(page.Find("[data-testid=process-new-empty]"));
    }

    [Fact]
    public void Searching_lists_only_the_processes_whose_name_matches()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        ProcessesService.Processes.Add(LeadProcess());
        ProcessesService.Processes.Add(new Process { Id = "proc-2", Name = "Monthly billing", Version = "1", Triggers = { "Every month on the 1st at 09:00" } });
        var page = Render<ProcessesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=process-link]").Count));
        Assert.Equal("version 2", page.FindAll("[data-testid=process-published]")[0].TextContent.Trim());
        Assert.Equal("Not published", page.FindAll("[data-testid=process-published]")[1].TextContent.Trim());

        page.Find("[data-testid=processes-search]").Input("billing");

        page.WaitForAssertion(() => Assert.Equal(["Monthly billing"], page.FindAll("[data-testid=process-link]").Select(a => a.TextContent)), Typing);
        Assert.Equal("Every month on the 1st at 09:00", page.Find("[data-testid=process-triggers]").TextContent);
    }

    [Fact]
    public async Task Choosing_a_named_person_as_assignee_writes_person_and_their_id_on_the_task()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign, Permissions.ClientsRead);
        ProcessesService.Processes.Add(LeadProcess());
        AdministrationApi.People.People.Add(new CrmSuite.Identity.Contracts.Person { Id = "user-2", DisplayName = "Boris Ivanov" });
        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));
        await SelectAsync(page, UserTask(("assignee", "owner")));

        page.WaitForElement("[data-testid=prop-assignee-rule]");
        page.FindAll("[data-testid=prop-assignee-rule] .rz-dropdown-item").Single(i => i.TextContent.Trim() == "A named person").Click();
        page.WaitForAssertion(() => page.FindAll("[data-testid=prop-assignee-person] .rz-dropdown-item").Single(i => i.TextContent.Trim() == "Boris Ivanov").Click());

        page.WaitForAssertion(() => Assert.Equal("person:user-2", LastAttributesWritten("Task_call")["assignee"]));
    }

    [Fact]
    public async Task Due_in_two_days_and_reminders_are_written_as_an_ISO_duration_and_minutes()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        ProcessesService.Processes.Add(LeadProcess());
        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));
        await SelectAsync(page, UserTask(("dueIn", "PT1H")));

        page.WaitForElement("[data-testid=prop-due-in-unit]");
        page.FindAll("[data-testid=prop-due-in-unit] .rz-dropdown-item").Single(i => i.TextContent.Trim() == "days").Click();
        page.WaitForAssertion(() => Assert.Equal("P1D", LastAttributesWritten("Task_call")["dueIn"]));
        page.Find("[data-testid=prop-due-in-amount] input").Change("2");
        page.WaitForAssertion(() => Assert.Equal("P2D", LastAttributesWritten("Task_call")["dueIn"]));

        page.Find("[data-testid=prop-reminders]").Change("15, 60");
        page.WaitForAssertion(() => Assert.Equal("15,60", LastAttributesWritten("Task_call")["reminders"]));
        page.Find("[data-testid=prop-reminders]").Change("soon");
        page.WaitForElement("[data-testid=prop-reminders-error]");
        Assert.Equal("15,60", LastAttributesWritten("Task_call")["reminders"]);
    }

    [Fact]
    public async Task A_flow_out_of_a_decision_gets_its_condition_and_can_be_the_default()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        ProcessesService.Processes.Add(LeadProcess());
        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));
        await SelectAsync(page, new BpmnElement("Flow_yes", BpmnTypes.SequenceFlow, "yes", new Dictionary<string, string>(), null, null,
            BpmnTypes.ExclusiveGateway, false, null, null));

        page.WaitForElement("[data-testid=prop-condition]").Change("[amount] > 100000");
        page.WaitForAssertion(() => Assert.Equal(["Flow_yes", "[amount] > 100000"], Diagram.Invocations["setCondition"].Single().Arguments.Skip(1)));
        page.Find("[data-testid=prop-default-flow] input").Change(true);
        page.WaitForAssertion(() => Assert.Equal(["Flow_yes", true], Diagram.Invocations["setDefaultFlow"].Single().Arguments.Skip(1)));
    }

    [Fact]
    public async Task An_e_mail_step_clears_the_other_actions_settings_and_writes_subject()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        ProcessesService.Processes.Add(LeadProcess());
        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));
        await SelectAsync(page, new BpmnElement("Task_offer", BpmnTypes.ServiceTask, "Offer",
            new Dictionary<string, string> { ["action"] = "webhook", ["webhookUrl"] = "https://example.test/hook" }, null, null, null, false, null, null));

        page.WaitForElement("[data-testid=prop-webhook-url]");
        page.FindAll("[data-testid=prop-action] .rz-dropdown-item").Single(i => i.TextContent.Trim() == "Send an e-mail").Click();

        page.WaitForAssertion(() => Assert.Equal("email", LastAttributesWritten("Task_offer")["action"]));
        var written = LastAttributesWritten("Task_offer");
        Assert.True(written.ContainsKey("webhookUrl") && written["webhookUrl"] is null);
        page.WaitForElement("[data-testid=prop-email-subject]").Change("Наше предложение");
        page.WaitForAssertion(() => Assert.Equal("Наше предложение", LastAttributesWritten("Task_offer")["emailSubject"]));
    }

    [Fact]
    public async Task A_boundary_timer_writes_escalate_and_interrupting()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        ProcessesService.Processes.Add(LeadProcess());
        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));
        await SelectAsync(page, new BpmnElement("Late_call", BpmnTypes.BoundaryEvent, "Late", new Dictionary<string, string>(),
            new BpmnEventDefinition(BpmnTypes.TimerDefinition, "PT1H", null, null, null), null, null, false, "Task_call", false));

        page.WaitForElement("[data-testid=prop-on-late]");
        page.FindAll("[data-testid=prop-on-late] .rz-dropdown-item").Single(i => i.TextContent.Trim() == "Escalate to the assignee's head").Click();
        page.WaitForAssertion(() => Assert.Equal("escalate", LastAttributesWritten("Late_call")["onLate"]));
        page.Find("[data-testid=prop-boundary-after-amount] input").Change("3");
        page.WaitForAssertion(() => Assert.Equal(["Late_call", "timeDuration", "PT3H"], Diagram.Invocations["setTimer"].Last().Arguments.Skip(1)));
        page.Find("[data-testid=prop-interrupting] input").Change(true);
        page.WaitForAssertion(() => Assert.Equal(["Late_call", true], Diagram.Invocations["setInterrupting"].Single().Arguments.Skip(1)));
    }

    [Fact]
    public void Problems_are_listed_marked_on_the_diagram_and_keep_publish_disabled_with_the_reason()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        ProcessesService.Processes.Add(LeadProcess(InclusiveGateway));

        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));

        page.WaitForAssertion(() => Assert.Contains("Which offer?: An inclusive gateway is not supported", page.Find("[data-testid=process-problem]").TextContent));
        Assert.True(page.Find("[data-testid=process-publish]").HasAttribute("disabled"));
        Assert.Equal("Cannot publish while the diagram has problems (1)", page.Find("[data-testid=process-publish-blocked]").TextContent);
        page.WaitForAssertion(() => Assert.Equal(new[] { "Gateway_2" }, (string[])Diagram.Invocations["markProblems"].Last().Arguments[1]!));

        page.Find("[data-testid=process-problem]").Click();
        page.WaitForAssertion(() => Assert.Equal("Gateway_2", Diagram.Invocations["selectElement"].Single().Arguments[1]));
    }

    [Fact]
    public void Saving_sends_the_drawn_xml_and_shows_what_publishing_would_refuse()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        // A draft changed since version 2: there is something to publish.
        var draft = LeadProcess();
        draft.DraftChanged = true;
        ProcessesService.Processes.Add(draft);
        ProcessesService.ProblemsOnSave.Add(InclusiveGateway);
        Diagram.Setup<string>("exportXml", _ => true).SetResult("<bpmn:definitions id=\"drawn\"/>");
        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=process-publish]").HasAttribute("disabled")));

        page.Find("[data-testid=process-save]").Click();

        page.WaitForElement("[data-testid=process-problem]");
        Assert.Equal(("<bpmn:definitions id=\"drawn\"/>", "7"), (ProcessesService.Saved.Single().Xml, ProcessesService.Saved.Single().Version));
        Assert.True(page.Find("[data-testid=process-publish]").HasAttribute("disabled"));
    }

    [Fact]
    public void Publishing_asks_first_and_then_shows_the_new_version()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        // A draft changed since version 2: there is something to publish.
        var draft = LeadProcess();
        draft.DraftChanged = true;
        ProcessesService.Processes.Add(draft);
        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));

        page.WaitForElement("[data-testid=process-publish]").Click();
        page.WaitForAssertion(() => Assert.Contains("version 3", page.Find("[data-testid=process-confirm-text]").TextContent));
        Assert.Empty(ProcessesService.Published);
        page.Find("[data-testid=process-confirm-ok]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("Version 3 published", page.Find("[data-testid=process-notice]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("7", ProcessesService.Published.Single().Version);
    }

    [Fact]
    public void Without_processes_design_the_list_and_the_process_show_no_editor_actions()
    {
        SignInWith(Permissions.SchedulingRead);
        ProcessesService.Processes.Add(LeadProcess());

        var list = Render<ProcessesPage>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=process-link]")));
        Assert.Empty(list.FindAll("[data-testid=process-new]"));

        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));
        page.WaitForElement("[data-testid=process-read-only]");
        Assert.Empty(page.FindAll("[data-testid=process-save]"));
        Assert.Empty(page.FindAll("[data-testid=process-publish]"));
        Assert.Empty(page.FindAll("[data-testid=process-archive]"));
        Assert.Empty(page.FindAll("[data-testid=process-properties]"));
        page.WaitForAssertion(() => Assert.NotEmpty(Diagram.Invocations["showInstance"]));
        Assert.Empty(Diagram.Invocations["createEditor"]);
    }

    private ProcessInstanceDetail LateInstance()
    {
        var detail = new ProcessInstanceDetail
        {
            Instance = new ProcessInstance
            {
                Id = "inst-1", ProcessId = "proc-1", ProcessName = "New lead", VersionNumber = 2, State = ProcessInstanceState.Running, Late = true,
                Record = new ProcessRecord { CompanyId = "company-1", Name = "ООО «Ромашка»" }, StartedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-2)),
                ActiveSteps = { "Call the lead" }, StartedBy = "Lead created",
            },
            Xml = "<bpmn:definitions/>",
            Elements =
            {
                new ProcessElementStatus { ElementId = "Start_1", State = ProcessElementState.Done },
                new ProcessElementStatus { ElementId = "Task_call", State = ProcessElementState.Late },
            },
            Log =
            {
                new ProcessLogEntry { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-2)), ElementId = "Task_call", ElementName = "Call the lead",
                    Text = "Task “Call the lead” created for Maria Petrova" },
                new ProcessLogEntry { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)), ElementId = "Late_call", ElementName = "Late",
                    Text = "Escalated to Ivan Head", ActorName = "" },
            },
            Variables = { ["amount"] = "150000" },
        };
        ProcessesService.Instances[detail.Instance.Id] = detail;
        return detail;
    }

    [Fact]
    public void The_instance_page_colours_the_diagram_and_shows_the_log_and_variables()
    {
        SignInWith(Permissions.SchedulingRead);
        LateInstance();

        var page = Render<ProcessInstancePage>(p => p.Add(x => x.Id, "inst-1"));

        page.WaitForAssertion(() => Assert.NotEmpty(Diagram.Invocations["showInstance"]));
        var states = (BpmnElementState[])Diagram.Invocations["showInstance"].Single().Arguments[3]!;
        Assert.Equal([new BpmnElementState("Start_1", "done"), new BpmnElementState("Task_call", "late")], states);
        Assert.Equal("Late", page.Find("[data-testid=instance-late]").TextContent.Trim());
        Assert.Equal("ООО «Ромашка»", page.Find("[data-testid=instance-record]").TextContent);
        Assert.Equal("clients/company-1", page.Find("[data-testid=instance-record]").GetAttribute("href"));
        Assert.Equal(["Task “Call the lead” created for Maria Petrova", "Escalated to Ivan Head"], page.FindAll("[data-testid=log-text]").Select(t => t.TextContent));
        Assert.Equal("the system", page.FindAll("[data-testid=log-who]")[1].TextContent);
        Assert.Equal("150000", page.Find("[data-testid=instance-variable]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=instance-cancel]"));
    }

    [Fact]
    public void Cancelling_an_instance_needs_a_confirmation_with_a_reason()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite);
        LateInstance();
        var page = Render<ProcessInstancePage>(p => p.Add(x => x.Id, "inst-1"));

        page.WaitForElement("[data-testid=instance-cancel]").Click();
        Assert.Empty(ProcessesService.Cancelled);
        page.Find("[data-testid=instance-cancel-confirm]").Click();
        page.WaitForElement("[data-testid=instance-cancel-reason-required]");
        Assert.Empty(ProcessesService.Cancelled);

        page.Find("[data-testid=instance-cancel-reason]").Change("The client called us first");
        page.Find("[data-testid=instance-cancel-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=instance-state]").TextContent.Trim()));
        Assert.Equal("The client called us first", ProcessesService.Cancelled.Single().Reason);
    }

    [Fact]
    public void A_companys_card_panel_lists_its_instances_running_first()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.SchedulingWrite);
        var running = LateInstance();
        var done = running.Clone();
        done.Instance.Id = "inst-0";
        done.Instance.ProcessName = "Onboarding";
        done.Instance.State = ProcessInstanceState.Completed;
        ProcessesService.Instances.Remove("inst-1");
        ProcessesService.Instances["inst-0"] = done;
        ProcessesService.Instances["inst-1"] = running;

        var panel = Render<RecordProcesses>(p => p.Add(x => x.CompanyId, "company-1").Add(x => x.RecordName, "ООО «Ромашка»"));

        panel.WaitForAssertion(() => Assert.Equal(["New lead", "Onboarding"], panel.FindAll("[data-testid=instance-process]").Select(a => a.TextContent)));
        Assert.NotNull(panel.Find("[data-testid=record-process-start]"));
    }

    [Fact]
    public void The_processes_area_speaks_Russian()
    {
        UseCulture("ru-RU");
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);

        var nav = Render<NavMenu>();
        Assert.Equal("Процессы", nav.Find("[data-testid=nav-processes] > span").TextContent);
        var page = Render<ProcessesPage>();
        page.WaitForAssertion(() => Assert.Contains("Процессов пока нет", page.Find("[data-testid=processes-empty]").TextContent));
        Assert.EndsWith("Новый процесс", page.Find("[data-testid=process-new]").TextContent.Trim(), StringComparison.Ordinal);
        UseCulture("en");
    }
}
