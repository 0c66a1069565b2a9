using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Common;

/// <summary>
/// The little the UI needs from the browser: the user's time zone (times show in the user's zone)
/// and the clipboard (one-time secrets). One JS module per circuit, imported on first use.
/// </summary>
public sealed class BrowserApi(IJSRuntime js) : IAsyncDisposable
{
    private const string ModulePath = "./_content/CrmSuite.Gateway.UI/crm-ui.js";

    private IJSObjectReference? module;
    private TimeZoneInfo? timeZone;

    public async ValueTask<TimeZoneInfo> GetTimeZoneAsync()
    {
        if (timeZone is not null)
        {
            return timeZone;
        }

        var id = await TryInvokeAsync<string?>("timeZone");
        if (id is null)
        {
            // Not answered (prerendering, no browser): show UTC this time, ask again next time.
            return TimeZoneInfo.Utc;
        }

        return timeZone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public async ValueTask<bool> CopyAsync(string text) => await TryInvokeAsync<bool>("copyText", text);

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone together with the browser's module.
            }
        }
    }

    private async ValueTask<T?> TryInvokeAsync<T>(string function, params object?[] args)
    {
        try
        {
            module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            return module is null ? default : await module.InvokeAsync<T>(function, args);
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // InvalidOperationException: JS interop is not available while prerendering.
            return default;
        }
    }
}
