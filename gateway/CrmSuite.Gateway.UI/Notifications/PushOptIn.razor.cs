using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Notifications;

public enum PushState { Loading, NotConfigured, Unsupported, Blocked, Off, On }

/// <summary>
/// "Browser notifications on this device": turns reminders as browser notifications on or off here,
/// and lists the person's devices that get them (each can be removed). What the server can do (a
/// VAPID key or none) and what the browser allows decide what it offers.
/// </summary>
public sealed partial class PushOptIn : IAsyncDisposable
{
    [Inject] private WebPushApi Api { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private readonly ErrorState errors = new();
    private PushBrowser browser = default!;
    private PushSettings? settings;
    private IReadOnlyList<PushDevice>? devices;
    private PushState state = PushState.Loading;
    private string? browserEndpoint;
    private string? removed;
    private bool dismissed;
    private bool busy;

    protected override void OnInitialized() => browser = new PushBrowser(Js);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The browser can be asked only once the page is interactive.
        if (firstRender)
        {
            await LoadAsync();
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        settings = await Api.GetSettingsAsync(errors);
        if (settings is null)
        {
            return;
        }
        if (!settings.Enabled)
        {
            state = PushState.NotConfigured;
            return;
        }
        devices = await Api.ListMyDevicesAsync(errors) ?? [];
        var here = await browser.StateAsync();
        browserEndpoint = here?.Endpoint;
        state = here switch
        {
            null or { Supported: false } => PushState.Unsupported,
            { Permission: "denied" } => PushState.Blocked,
            // On only when the service will send here: a subscription it forgot (removed elsewhere, gone) is off.
            { Endpoint: { } endpoint } when devices.Any(d => d.Endpoint == endpoint) => PushState.On,
            _ => PushState.Off,
        };
    }

    private async Task TurnOnAsync()
    {
        busy = true;
        dismissed = false;
        var made = await browser.SubscribeAsync(settings!.PublicKey);
        if (made is { Error: null, Endpoint: { } endpoint })
        {
            var device = await Api.SubscribeAsync(new SubscribePushDeviceRequest
            {
                Endpoint = endpoint, P256Dh = made.P256dh ?? "", Auth = made.Auth ?? "", UserAgent = made.UserAgent ?? "",
            }, errors);
            if (device is not null)
            {
                errors.Clear();
                browserEndpoint = endpoint;
                devices = await Api.ListMyDevicesAsync(errors) ?? devices;
                state = PushState.On;
            }
        }
        else
        {
            state = made?.Error switch
            {
                "denied" => PushState.Blocked,
                "unsupported" or null => PushState.Unsupported,
                _ => PushState.Off,
            };
            dismissed = made?.Error == "dismissed";
        }
        busy = false;
    }

    private async Task TurnOffAsync()
    {
        busy = true;
        var endpoint = await browser.UnsubscribeAsync() ?? browserEndpoint;
        if (endpoint is not null && await Api.RemoveAsync(errors, endpoint: endpoint))
        {
            errors.Clear();
        }
        browserEndpoint = null;
        devices = await Api.ListMyDevicesAsync(errors) ?? devices;
        state = PushState.Off;
        busy = false;
    }

    private async Task RemoveAsync(PushDevice device)
    {
        if (device.Endpoint == browserEndpoint)
        {
            await TurnOffAsync();
            removed = device.Label;
            return;
        }
        busy = true;
        if (await Api.RemoveAsync(errors, id: device.Id))
        {
            errors.Clear();
            removed = device.Label;
            devices = await Api.ListMyDevicesAsync(errors) ?? devices;
        }
        busy = false;
    }

    public ValueTask DisposeAsync() => browser.DisposeAsync();
}
