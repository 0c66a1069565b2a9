using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Notifications;

/// <summary>What the browser says about notifications on this device (wwwroot/crm-push.js).</summary>
public sealed record PushBrowserState(bool Supported, string Permission, string? Endpoint);

/// <summary>A subscription the browser made, or why it made none ("unsupported", "denied", "dismissed").</summary>
public sealed record BrowserSubscription(string? Endpoint, string? P256dh, string? Auth, string? UserAgent, string? Error);

/// <summary>The browser's side of Web Push, through the crm-push.js module.</summary>
public sealed class PushBrowser(IJSRuntime js) : IAsyncDisposable
{
    public const string ModulePath = "./_content/CrmSuite.Gateway.UI/crm-push.js";

    private Task<IJSObjectReference>? module;

    /// <summary>Null when the browser could not be asked (no interactive circuit yet, the script failed).</summary>
    public async Task<PushBrowserState?> StateAsync() => await TryAsync<PushBrowserState>("state");

    public async Task<BrowserSubscription?> SubscribeAsync(string publicKey) => await TryAsync<BrowserSubscription>("subscribe", publicKey);

    /// <summary>The endpoint this browser stopped, or null when it had none.</summary>
    public async Task<string?> UnsubscribeAsync() => await TryAsync<string>("unsubscribe");

    private async Task<T?> TryAsync<T>(string function, params object?[] arguments)
    {
        try
        {
            module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();
            return await (await module).InvokeAsync<T?>(function, arguments);
        }
        catch (Exception failed) when (failed is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return default;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (module is { IsCompletedSuccessfully: true })
        {
            try
            {
                await module.Result.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }
}
