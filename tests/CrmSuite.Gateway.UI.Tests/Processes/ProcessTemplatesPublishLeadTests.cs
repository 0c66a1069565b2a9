using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Leads;
using CrmSuite.Gateway.UI.Processes;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Tests.Processes;

/// <summary>Templates in the designer's language, Publish only when there is something new, and the lead card's processes.</summary>
public sealed class ProcessTemplatesPublishLeadTests : ProcessTest
{
    public ProcessTemplatesPublishLeadTests()
    {
        ProcessesService.Templates.Add(new ProcessTemplate
        {
            Id = "new-lead", NameRu = "Новый лид: звонок, предложение, дожим", NameEn = "New lead: call, offer, follow-up",
            DescriptionRu = "Новому лиду звонят в течение часа", DescriptionEn = "A new lead is called within an hour", Xml = "<bpmn:definitions id=\"tpl\"/>",
        });
    }

    [Theory]
    [InlineData("ru-RU", "ru", "Новый лид: звонок, предложение, дожим")]
    [InlineData("en", "en", "New lead: call, offer, follow-up")]
    public void A_template_is_listed_and_created_in_the_designer_s_language(string culture, string language, string name)
    {
        UseCulture(culture);
        try
        {
            SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
            var page = Render<ProcessesPage>();

            page.WaitForElement("[data-testid=process-new]").Click();
            page.WaitForElement("[data-testid=process-template]");
            Assert.Contains(name, page.Find("[data-testid=process-template]").TextContent, StringComparison.Ordinal);
            page.Find("[data-testid=process-create-from-template]").Click();

            page.WaitForAssertion(() => Assert.EndsWith("/processes/proc-new-1", Navigation.Uri, StringComparison.Ordinal));
            Assert.Equal(language, ProcessesService.TemplateRequests.Single().Language);
            var created = ProcessesService.Created.Single();
            Assert.Equal(("new-lead", language, name), (created.TemplateId, created.Language, created.Name));
        }
        finally
        {
            UseCulture("en");
        }
    }

    [Theory]
    [InlineData("en", "Nothing new to publish: the draft is version 2")]
    [InlineData("ru-RU", "Нечего публиковать: черновик совпадает с версией 2")]
    public async Task Publish_is_disabled_saying_why_while_the_published_version_is_the_draft_and_enabled_by_a_saved_change(string culture, string why)
    {
        UseCulture(culture);
        try
        {
            SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
            var process = LeadProcess();
            process.DraftChanged = false;
            ProcessesService.Processes.Add(process);
            Diagram.Setup<string>("exportXml", _ => true).SetResult("<bpmn:definitions id=\"changed\"/>");
            var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));

            page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=process-publish]").HasAttribute("disabled")));
            Assert.Equal(why, page.Find("[data-testid=process-publish]").GetAttribute("title"));
            Assert.Equal(why, page.Find("[data-testid=process-publish-blocked]").TextContent);

            // The person moves a step: bpmn-js reports the change; Publish (which saves first) is offered.
            page.WaitForAssertion(() => Assert.NotEmpty(Diagram.Invocations["createEditor"]));
            var canvas = (DotNetObjectReference<BpmnCanvas>)Diagram.Invocations["createEditor"].Last().Arguments[2]!;
            await page.InvokeAsync(canvas.Value.OnDiagramChanged);
            page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=process-publish]").HasAttribute("disabled")));

            page.Find("[data-testid=process-save]").Click();
            page.WaitForAssertion(() => Assert.Single(ProcessesService.Saved));
            page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=process-publish]").HasAttribute("disabled")));
            Assert.Empty(page.FindAll("[data-testid=process-publish-blocked]"));

            page.Find("[data-testid=process-publish]").Click();
            page.WaitForElement("[data-testid=process-confirm-ok]").Click();
            page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=process-publish]").HasAttribute("disabled")));
            Assert.Single(ProcessesService.Published);
            Assert.Contains(culture == "en" ? "version 3" : "версией 3", page.Find("[data-testid=process-publish]").GetAttribute("title"), StringComparison.Ordinal);
        }
        finally
        {
            UseCulture("en");
        }
    }

    [Fact]
    public void While_the_list_loads_it_does_not_say_that_no_process_has_that_name()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        ProcessesService.ListHeld = new TaskCompletionSource();
        var page = Render<ProcessesPage>();

        page.WaitForElement("[data-testid=processes]");
        Assert.Empty(page.FindAll("[data-testid=processes-nothing-found]"));

        ProcessesService.ListHeld.SetResult();
        page.WaitForElement("[data-testid=processes-empty]");
        Assert.Empty(page.FindAll("[data-testid=processes-nothing-found]"));
    }

    [Fact]
    public async Task The_properties_panel_names_the_step_and_its_kind_never_its_diagram_id()
    {
        SignInWith(Permissions.SchedulingRead, Permissions.ProcessesDesign);
        ProcessesService.Processes.Add(LeadProcess());
        var page = Render<ProcessEditorPage>(p => p.Add(x => x.Id, "proc-1"));

        await SelectAsync(page, new BpmnElement("Task_call", BpmnTypes.UserTask, "Call the lead", new Dictionary<string, string>(), null, null, null, false, null, null));

        page.WaitForAssertion(() => Assert.Equal("Task for a person", page.Find("[data-testid=properties-kind]").TextContent));
        Assert.Equal("Call the lead", page.Find("[data-testid=prop-name]").GetAttribute("value"));
        Assert.DoesNotContain("Task_call", page.Find("[data-testid=process-properties]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leads_card_lists_that_leads_processes_and_starts_one_for_the_lead()
    {
        SignInWith(Permissions.ClientsRead, Permissions.SchedulingRead, Permissions.SchedulingWrite);
        LeadsService.Stored.Add(new Lead { Id = "lead-1", PersonName = "Ivan Sidorov", CompanyName = "Romashka", Status = LeadStatus.New, SourceDetails = new() });
        // "New lead" starts on a lead's capture: only a process with a start by hand is offered.
        ProcessesService.Processes.Add(LeadProcess());
        ProcessesService.Processes.Add(new Process { Id = "proc-2", Name = "Second call", PublishedVersion = 1, StartsByHand = true, Version = "1", Triggers = { "By hand" } });
        ProcessesService.Instances["inst-1"] = new ProcessInstanceDetail
        {
            Instance = new ProcessInstance
            {
                Id = "inst-1", ProcessId = "proc-1", ProcessName = "New lead", State = ProcessInstanceState.Running,
                Record = new ProcessRecord { LeadId = "lead-1", Name = "Ivan Sidorov" }, ActiveSteps = { "Call the lead" },
            },
        };
        ProcessesService.Instances["inst-2"] = new ProcessInstanceDetail
        {
            Instance = new ProcessInstance
            {
                Id = "inst-2", ProcessId = "proc-1", ProcessName = "Another lead's run", State = ProcessInstanceState.Running,
                Record = new ProcessRecord { LeadId = "lead-2", Name = "Somebody else" },
            },
        };

        var card = Render<LeadCard>(p => p.Add(x => x.Id, "lead-1"));

        card.WaitForAssertion(() => Assert.Equal(["New lead"], card.FindAll("[data-testid=instance-process]").Select(a => a.TextContent)));
        Assert.Equal("Call the lead", card.Find("[data-testid=instance-steps]").TextContent);
        card.Find("[data-testid=record-process-start]").Click();
        card.WaitForAssertion(() => Assert.Equal(["Second call"], card.FindAll("[data-testid=record-process-choice] .rz-dropdown-item").Select(i => i.TextContent.Trim())));
        card.Find("[data-testid=record-process-choice] .rz-dropdown-item").Click();
        card.Find("[data-testid=record-process-start-confirm]").Click();

        card.WaitForAssertion(() => Assert.EndsWith("“Second call” started", card.Find("[data-testid=record-process-notice]").TextContent.Trim(), StringComparison.Ordinal));
        var started = ProcessesService.Started.Single();
        Assert.Equal(("proc-2", "lead-1", "", "", "Ivan Sidorov"), (started.Id, started.Record.LeadId, started.Record.CompanyId, started.Record.DealId, started.Record.Name));
        card.WaitForAssertion(() => Assert.Equal(2, card.FindAll("[data-testid=instance-process]").Count));
    }

    [Fact]
    public void A_converted_leads_card_shows_its_processes_without_starting_new_ones()
    {
        SignInWith(Permissions.ClientsRead, Permissions.SchedulingRead, Permissions.SchedulingWrite);
        LeadsService.Stored.Add(new Lead { Id = "lead-1", PersonName = "Ivan Sidorov", Status = LeadStatus.Converted, CompanyId = "c-1", SourceDetails = new() });

        var card = Render<LeadCard>(p => p.Add(x => x.Id, "lead-1"));

        card.WaitForElement("[data-testid=lead-processes]");
        card.WaitForAssertion(() => Assert.Contains("No process has run for this record", card.Find("[data-testid=record-processes]").TextContent, StringComparison.Ordinal));
        Assert.Empty(card.FindAll("[data-testid=record-process-start]"));
    }
}
