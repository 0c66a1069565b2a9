using Bunit;
using CrmSuite.Gateway.UI.Processes;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Tests.Processes;

/// <summary>The processes pages over a fake Processes API and a fake bpmn-interop.js whose calls the tests read.</summary>
public abstract class ProcessTest : UiTest
{
    private protected ProcessTest()
    {
        Services.AddSingleton<CrmSuite.Scheduling.Contracts.ActivityPlans.ActivityPlansClient>(new Fakes.FakeActivityPlansClient(SchedulingApi));
        Diagram = JSInterop.SetupModule(BpmnCanvas.ModulePath);
        Diagram.Mode = JSRuntimeMode.Loose;
        Interactive();
    }

    /// <summary>bpmn-interop.js as the page loads it.</summary>
    private protected BunitJSModuleInterop Diagram { get; }

    private protected static Process LeadProcess(params ProcessProblem[] problems)
    {
        var process = new Process
        {
            Id = "proc-1", Name = "New lead", DraftXml = "<bpmn:definitions/>", PublishedVersion = 2, Version = "7", RunningInstances = 3,
            Triggers = { "Lead created" },
        };
        process.DraftProblems.AddRange(problems);
        return process;
    }

    /// <summary>What bpmn-js tells the page when the person selects an element.</summary>
    private protected async Task SelectAsync(IRenderedComponent<ProcessEditorPage> page, BpmnElement element)
    {
        page.WaitForAssertion(() => Assert.NotEmpty(Diagram.Invocations["createEditor"]));
        var canvas = (DotNetObjectReference<BpmnCanvas>)Diagram.Invocations["createEditor"].Last().Arguments[2]!;
        await page.InvokeAsync(() => canvas.Value.OnElementSelected(element));
    }

    /// <summary>The attribute values the page's last setAttributes call wrote on an element.</summary>
    private protected IReadOnlyDictionary<string, string?> LastAttributesWritten(string elementId)
    {
        var call = Diagram.Invocations["setAttributes"].Last(i => (string?)i.Arguments[1] == elementId);
        return (IReadOnlyDictionary<string, string?>)call.Arguments[2]!;
    }
}
