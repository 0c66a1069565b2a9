using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Processes;

/// <summary>
/// The .NET side of wwwroot/js/bpmn-interop.js: every change the properties panel makes goes to
/// bpmn-js as one modeling command (so Ctrl+Z undoes it), and bpmn-js tells back what is selected.
/// </summary>
public sealed partial class BpmnCanvas
{
    public const string ModulePath = "./_content/CrmSuite.Gateway.UI/js/bpmn-interop.js";

    private readonly string key = "bpmn-" + Guid.NewGuid().ToString("N");
    private ElementReference container;
    private IJSObjectReference? module;
    private DotNetObjectReference<BpmnCanvas>? self;

    /// <summary>The canvas needs a height of its own: bpmn-js fills its container.</summary>
    [Parameter] public string Height { get; set; } = "60vh";

    [Parameter] public string TestId { get; set; } = "process-canvas";

    /// <summary>The element the person selected (null: none, or the process itself); again after each change of it.</summary>
    [Parameter] public EventCallback<BpmnElement?> ElementSelected { get; set; }

    /// <summary>The drawing changed (an edit, an undo).</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>Opens the editor on the XML: the import warnings bpmn-js reported.</summary>
    public async Task<IReadOnlyList<string>> EditAsync(string xml)
    {
        var js = await ModuleAsync();
        self ??= DotNetObjectReference.Create(this);
        await js.InvokeVoidAsync("createEditor", key, container, self);
        return await js.InvokeAsync<string[]?>("importXml", key, xml) ?? [];
    }

    /// <summary>The drawing as BPMN 2.0 XML.</summary>
    public async Task<string> ExportAsync() => await (await ModuleAsync()).InvokeAsync<string?>("exportXml", key) ?? "";

    /// <summary>Our crm:* attributes on one element; an empty or null value removes the attribute.</summary>
    public async Task SetAttributesAsync(string elementId, IReadOnlyDictionary<string, string?> values) =>
        await (await ModuleAsync()).InvokeVoidAsync("setAttributes", key, elementId, values);

    public async Task SetNameAsync(string elementId, string name) => await (await ModuleAsync()).InvokeVoidAsync("setName", key, elementId, name);

    public async Task SetConditionAsync(string flowId, string condition) =>
        await (await ModuleAsync()).InvokeVoidAsync("setCondition", key, flowId, condition);

    public async Task SetDefaultFlowAsync(string flowId, bool isDefault) =>
        await (await ModuleAsync()).InvokeVoidAsync("setDefaultFlow", key, flowId, isDefault);

    /// <summary>A timer's one definition: <paramref name="kind"/> is timeDuration, timeDate or timeCycle.</summary>
    public async Task SetTimerAsync(string elementId, string kind, string value) =>
        await (await ModuleAsync()).InvokeVoidAsync("setTimer", key, elementId, kind, value);

    /// <summary>"manual", "timer" or a message name; the start event is replaced when its kind changes.</summary>
    public async Task SetStartTriggerAsync(string elementId, string trigger) =>
        await (await ModuleAsync()).InvokeAsync<string?>("setStartTrigger", key, elementId, trigger);

    public async Task SetInterruptingAsync(string elementId, bool interrupting) =>
        await (await ModuleAsync()).InvokeVoidAsync("setInterrupting", key, elementId, interrupting);

    /// <summary>Selects the element and brings it into view (a problem clicked in the list).</summary>
    public async Task SelectAsync(string elementId) => await (await ModuleAsync()).InvokeAsync<bool>("selectElement", key, elementId);

    /// <summary>Marks the elements publishing would refuse; the previous marks go.</summary>
    public async Task MarkProblemsAsync(IEnumerable<string> elementIds) =>
        await (await ModuleAsync()).InvokeAsync<int>("markProblems", key, elementIds.Where(id => id.Length > 0).Distinct().ToArray());

    /// <summary>An instance's diagram, read-only, each element coloured by its state (badges: a text per state).</summary>
    public async Task<IReadOnlyList<string>> ShowInstanceAsync(string xml, IEnumerable<BpmnElementState> states, IReadOnlyDictionary<string, string> badges) =>
        await (await ModuleAsync()).InvokeAsync<string[]?>("showInstance", key, container, xml, states.ToArray(), badges) ?? [];

    [JSInvokable]
    public Task OnElementSelected(BpmnElement? element) => InvokeAsync(() => ElementSelected.InvokeAsync(element));

    [JSInvokable]
    public Task OnDiagramChanged() => InvokeAsync(() => Changed.InvokeAsync());

    private async Task<IJSObjectReference> ModuleAsync() => module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (module is not null)
            {
                await module.InvokeVoidAsync("destroy", key);
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone together with the page's diagram.
        }
        self?.Dispose();
    }
}
