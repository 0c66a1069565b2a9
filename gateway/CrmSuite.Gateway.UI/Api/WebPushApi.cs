using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Browser notifications (the scheduling service's Web Push devices) as the staff UI uses them: whether
/// the server can send them, and the signed-in person's own browsers. Each call answers its result, or
/// <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class WebPushApi(PushDevices.PushDevicesClient devices)
{
    public Task<PushSettings?> GetSettingsAsync(ErrorState errors) =>
        ServiceCall.RunAsync(devices.GetPushSettingsAsync(new GetPushSettingsRequest()), errors, default);

    public async Task<IReadOnlyList<PushDevice>?> ListMyDevicesAsync(ErrorState errors) =>
        (await ServiceCall.RunAsync(devices.ListMyPushDevicesAsync(new ListMyPushDevicesRequest()), errors, default))?.Devices;

    public Task<PushDevice?> SubscribeAsync(SubscribePushDeviceRequest subscription, ErrorState errors) =>
        ServiceCall.RunAsync(devices.SubscribePushDeviceAsync(subscription), errors, default);

    /// <summary>Stops notifications to one device: by its id, or by the browser's endpoint.</summary>
    public async Task<bool> RemoveAsync(ErrorState errors, string id = "", string endpoint = "") =>
        await ServiceCall.RunAsync(devices.RemovePushDeviceAsync(new RemovePushDeviceRequest { Id = id, Endpoint = endpoint }), errors, default) is not null;
}
