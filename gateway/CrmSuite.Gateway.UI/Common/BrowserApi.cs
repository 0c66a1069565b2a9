using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Common;

/// <summary>
/// The little the UI needs from the browser: the user's time zone (times show in the user's zone)
/// the clipboard (one-time secrets) and file downloads (exports). One JS module and one time-zone lookup per circuit, shared
/// by every component that asks at the same time.
/// </summary>
public sealed class BrowserApi(IJSRuntime js) : IAsyncDisposable
{
    private const string ModulePath = "./_content/CrmSuite.Gateway.UI/crm-ui.js";

    private Task<IJSObjectReference>? module;
    private Task<TimeZoneInfo>? timeZone;

    /// <summary>The browser's zone; UTC when it cannot be told (no JS yet, unknown zone id).</summary>
    public Task<TimeZoneInfo> GetTimeZoneAsync() => timeZone ??= FindTimeZoneAsync();

    public async Task<bool> CopyAsync(string text) => await TryInvokeAsync<bool>("copyText", text);

    /// <summary>Offers the text as a file download; false when the browser could not be asked.</summary>
    public async Task<bool> DownloadAsync(string fileName, string text, string mimeType) =>
        await TryInvokeAsync<bool>("downloadText", fileName, text, mimeType);

    /// <summary>Offers binary content (e.g. an XLSX export), given as base64, as a file download.</summary>
    public async Task<bool> DownloadBytesAsync(string fileName, string base64, string mimeType) =>
        await TryInvokeAsync<bool>("downloadBase64", fileName, base64, mimeType);

    /// <summary>
    /// A PDF as a blob: address for a frame of the page (the preview of a template); the previous one is
    /// let go. Null when the browser could not be asked.
    /// </summary>
    public async Task<string?> PdfUrlAsync(byte[] pdf, string? previous) => await TryInvokeAsync<string?>("pdfUrl", pdf, previous);

    public async Task RevokeUrlAsync(string url) => await TryInvokeAsync<bool>("revokeUrl", url);

    /// <summary>
    /// Focuses the first element matching <paramref name="selector"/> (a page's heading) unless the
    /// person is in a field or a dialog: never takes the focus from a field the person is typing in.
    /// </summary>
    public async Task FocusIfUnfocusedAsync(string selector) => await TryInvokeAsync<bool>("focusIfUnfocused", selector);

    /// <summary>Scrolls to the first field message of the open dialog (else of the page) and focuses that field's input.</summary>
    public async Task RevealFirstFieldErrorAsync() => await TryInvokeAsync<bool>("revealFirstFieldError");

    public async ValueTask DisposeAsync()
    {
        if (module is { IsCompletedSuccessfully: true })
        {
            try
            {
                await (await module).DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone together with the browser's module.
            }
        }
    }

    private async Task<TimeZoneInfo> FindTimeZoneAsync()
    {
        var id = await TryInvokeAsync<string?>("timeZone");
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private async Task<T?> TryInvokeAsync<T>(string function, params object?[] args)
    {
        try
        {
            module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();
            var loaded = await module;
            return loaded is null ? default : await loaded.InvokeAsync<T>(function, args);
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // InvalidOperationException: JS interop is not available while prerendering.
            return default;
        }
    }
}
