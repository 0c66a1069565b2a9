using CrmSuite.Gateway.UI.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Documents;

/// <summary>
/// Connects a drop zone and a file input of a component to crm-files.js, which uploads each file
/// straight from the browser to the gateway's POST /files for one record and reports back to the
/// component's <c>[JSInvokable] UploadProgress(fileName, percent)</c> and
/// <c>UploadFinished(fileName, status, body)</c>.
/// </summary>
internal sealed class FileDropTarget : IAsyncDisposable
{
    private const string ModulePath = "./_content/CrmSuite.Gateway.UI/crm-files.js";

    private IJSObjectReference? module;
    private IJSObjectReference? attached;
    private IDisposable? component;

    public bool IsAttached => attached is not null;

    /// <summary>Attaches once the elements are rendered (their references have ids); false when they are not yet.</summary>
    public async Task<bool> AttachAsync<TComponent>(IJSRuntime js, IServiceProvider services, TComponent owner, ElementReference zone,
        ElementReference input, string recordType, string recordId)
        where TComponent : class
    {
        if (attached is not null || zone.Id is null || input.Id is null)
        {
            return false;
        }
        try
        {
            module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            if (module is null)
            {
                return false;
            }
            var reference = DotNetObjectReference.Create(owner);
            component = reference;
            attached = await module.InvokeAsync<IJSObjectReference>("attach", zone, input, reference, new
            {
                url = DocumentsApi.UploadUrl,
                recordType,
                recordId,
                maxBytes = DocumentsApi.MaxFileBytes,
                // The upload is a cookie-authenticated POST: the gateway wants the page's antiforgery token with it.
                antiforgery = services.GetService<AntiforgeryStateProvider>()?.GetAntiforgeryToken()?.Value,
            });
            return true;
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // The circuit ended while the page was opening, or the browser could not load the module: the button still
            // opens the file chooser; nothing is uploaded without the module, and nothing breaks.
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (attached is not null)
            {
                await attached.InvokeVoidAsync("dispose");
                await attached.DisposeAsync();
            }
            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone together with the module.
        }
        component?.Dispose();
    }
}
