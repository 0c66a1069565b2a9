using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The scheduling service's Web Push devices as the UI sees them: a VAPID key (or none), the person's devices, every change recorded.</summary>
internal sealed class FakePushDevicesClient : PushDevices.PushDevicesClient
{
    public PushSettings Settings { get; set; } = new() { Enabled = true, PublicKey = "BPublicKeyOfTheServer" };

    public List<PushDevice> Stored { get; } = [];

    public List<SubscribePushDeviceRequest> Subscribed { get; } = [];

    public List<RemovePushDeviceRequest> Removed { get; } = [];

    public static PushDevice Device(string id, string label, string endpoint) => new()
    {
        Id = id, Label = label, Endpoint = endpoint, PushService = new Uri(endpoint).Host,
        CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)),
        UpdatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)),
    };

    public override AsyncUnaryCall<PushSettings> GetPushSettingsAsync(GetPushSettingsRequest request, CallOptions options) => Calls.Ok(Settings);

    public override AsyncUnaryCall<ListMyPushDevicesResponse> ListMyPushDevicesAsync(ListMyPushDevicesRequest request, CallOptions options) =>
        Calls.Ok(new ListMyPushDevicesResponse { Devices = { Stored } });

    public override AsyncUnaryCall<PushDevice> SubscribePushDeviceAsync(SubscribePushDeviceRequest request, CallOptions options)
    {
        Subscribed.Add(request);
        var device = Device("d-" + (Stored.Count + 1), "Chrome on Linux", request.Endpoint);
        Stored.Insert(0, device);
        return Calls.Ok(device);
    }

    public override AsyncUnaryCall<RemovePushDeviceResponse> RemovePushDeviceAsync(RemovePushDeviceRequest request, CallOptions options)
    {
        Removed.Add(request);
        var found = Stored.FirstOrDefault(d => d.Id == request.Id || (request.Endpoint.Length > 0 && d.Endpoint == request.Endpoint));
        if (found is null)
        {
            return Calls.Fail<RemovePushDeviceResponse>(Calls.Error(StatusCode.NotFound, "Device was not found."));
        }
        Stored.Remove(found);
        return Calls.Ok(new RemovePushDeviceResponse());
    }
}
