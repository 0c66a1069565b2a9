using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.WebPush;

/// <summary>The caller's own browsers that get notifications: subscribe, list, remove. Each change is audited.</summary>
public sealed class PushDevicesService(SchedulingDbContext db, TimeProvider clock, IOptions<WebPushOptions> options, IHostEnvironment environment)
    : Contracts.PushDevices.PushDevicesBase
{
    public const string Entity = "push-device";

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override Task<PushSettings> GetPushSettings(GetPushSettingsRequest request, ServerCallContext context) =>
        Task.FromResult(options.Value.Enabled
            ? new PushSettings { Enabled = true, PublicKey = options.Value.PublicKey!.Trim() }
            : new PushSettings());

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<Contracts.PushDevice> SubscribePushDevice(SubscribePushDeviceRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var user = Person(http);
        var input = SubscriptionInput.Parse(request, options.Value, environment.IsDevelopment());
        if (!options.Value.Enabled)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, "Browser notifications are not configured on this server (Scheduling:WebPush)."));
        }
        var now = clock.GetUtcNow();
        var endpoint = input.Endpoint.AbsoluteUri;
        var device = await db.DeviceSubscriptions.FirstOrDefaultAsync(d => d.Endpoint == endpoint, context.CancellationToken);
        var previousOwner = device?.UserId;
        if (device is null)
        {
            device = new DeviceSubscription { Id = Guid.CreateVersion7(now), Endpoint = endpoint, CreatedAt = now };
            db.DeviceSubscriptions.Add(device);
        }
        device.UserId = user;
        device.P256dh = input.P256dh;
        device.Auth = input.Auth;
        device.Label = input.Label;
        device.UpdatedAt = now;
        // The keys and the endpoint (a capability to notify the browser) stay out of the audit log.
        var action = previousOwner is null ? "scheduling.push-device.subscribed"
            : previousOwner == user ? "scheduling.push-device.renewed"
            : "scheduling.push-device.taken-over";
        db.Audit(AuditEvent.From(http, now, action, Entity, device.Id.ToString(),
            after: new { device.Label, PushService = input.Endpoint.Host },
            details: previousOwner is not null && previousOwner != user ? new { PreviousUserId = previousOwner } : null));
        await db.SaveChangesAsync(context.CancellationToken);
        return Map(device);
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListMyPushDevicesResponse> ListMyPushDevices(ListMyPushDevicesRequest request, ServerCallContext context)
    {
        var user = Person(context.GetHttpContext());
        var response = new ListMyPushDevicesResponse();
        response.Devices.AddRange((await PushTargets.OfPerson(db, user).ToListAsync(context.CancellationToken)).Select(Map));
        return response;
    }

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<RemovePushDeviceResponse> RemovePushDevice(RemovePushDeviceRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var user = Person(http);
        var errors = new FieldErrors();
        var id = RequestIds.Id(errors, "id", request.Id);
        var endpoint = request.Endpoint.Trim();
        if (id is null && endpoint.Length == 0 && !errors.Any)
        {
            errors.Add("id", "Required: the device's id (or its endpoint).");
        }
        if (endpoint.Length > SubscriptionInput.MaxEndpointLength)
        {
            errors.Add("endpoint", $"Must be at most {SubscriptionInput.MaxEndpointLength} characters.");
        }
        errors.ThrowIfAny();
        var normalized = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : endpoint;
        var device = await db.DeviceSubscriptions.FirstOrDefaultAsync(d => d.UserId == user
            && (id != null ? d.Id == id : d.Endpoint == normalized), context.CancellationToken)
            ?? throw new RecordNotFoundException("Device", id?.ToString() ?? "(endpoint)");
        db.DeviceSubscriptions.Remove(device);
        db.Audit(AuditEvent.From(http, clock.GetUtcNow(), "scheduling.push-device.removed", Entity, device.Id.ToString(), before: new { device.Label }));
        await db.SaveChangesAsync(context.CancellationToken);
        return new RemovePushDeviceResponse();
    }

    private static string Person(HttpContext http) =>
        http.User.UserId() ?? throw new RpcException(new Grpc.Core.Status(StatusCode.Unauthenticated, "The token names no person."));

    private static Contracts.PushDevice Map(DeviceSubscription device) => new()
    {
        Id = device.Id.ToString(),
        Label = device.Label,
        PushService = Uri.TryCreate(device.Endpoint, UriKind.Absolute, out var uri) ? uri.Host : string.Empty,
        Endpoint = device.Endpoint,
        CreatedAt = Timestamp.FromDateTimeOffset(device.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(device.UpdatedAt),
        LastSentAt = device.LastSentAt is { } sent ? Timestamp.FromDateTimeOffset(sent) : null,
    };
}
