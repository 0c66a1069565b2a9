using CrmSuite.PubSubEmulator.Configuration;
using CrmSuite.PubSubEmulator.Delivery;
using CrmSuite.PubSubEmulator.Errors;
using CrmSuite.PubSubEmulator.Grpc.Protocol;
using CrmSuite.PubSubEmulator.Subscriptions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Grpc;

/// <summary>
/// <c>dapr.proto.runtime.v1.Dapr</c> as far as pub/sub needs it. Methods not overridden here (and
/// those not even in our proto) answer UNIMPLEMENTED, so a service that starts relying on another
/// building block finds out at once instead of getting a silent fake.
/// </summary>
internal sealed class DaprRuntimeService(
    EventFanOut fanOut,
    BulkPublisher bulkPublisher,
    SubscriptionDirectory directory,
    IOptionsMonitor<PubSubEmulatorOptions> options) : Protocol.Dapr.DaprBase
{
    public override async Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        var publish = new PublishRequest(
            request.PubsubName,
            request.Topic,
            request.Data.Memory,
            request.DataContentType,
            request.Metadata,
            TraceContextReader.From(context.GetHttpContext()));
        try
        {
            await fanOut.PublishAsync(publish, context.CancellationToken);
            return new Empty();
        }
        catch (DaprErrorException exception)
        {
            throw ToRpcException(exception.Error);
        }
    }

    public override Task<BulkPublishResponse> BulkPublishEventAlpha1(Protocol.BulkPublishRequest request, ServerCallContext context) =>
        BulkPublishEvent(request, context);

    /// <summary>
    /// As daprd: invalid requests and any entry not taken fail the call (INTERNAL, the failures in the
    /// message); on success the response lists no failed entries.
    /// </summary>
    public override async Task<BulkPublishResponse> BulkPublishEvent(Protocol.BulkPublishRequest request, ServerCallContext context)
    {
        var publish = new Delivery.BulkPublishRequest(
            request.PubsubName,
            request.Topic,
            [.. request.Entries.Select(e => new BulkPublishEntry(
                e.EntryId,
                e.Event.Memory,
                e.ContentType,
                // Protobuf cannot tell an empty map from none; daprd (Go) sees both as nil.
                e.Metadata.Count == 0 ? null : e.Metadata))],
            request.Metadata,
            TraceContextReader.From(context.GetHttpContext()));
        try
        {
            var failures = await bulkPublisher.PublishAsync(publish, context.CancellationToken);
            if (failures.Count > 0)
            {
                throw new DaprErrorException(DaprError.PublishMessage(request.PubsubName, request.Topic,
                    string.Join("; ", failures.Select(f => $"{f.EntryId}: {f.Error}"))));
            }
            return new BulkPublishResponse();
        }
        catch (DaprErrorException exception)
        {
            throw ToRpcException(exception.Error);
        }
    }

    public override async Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context)
    {
        var settings = options.CurrentValue;
        var response = new GetMetadataResponse { Id = settings.AppId, RuntimeVersion = "emulator" };
        response.RegisteredComponents.AddRange(settings.Components.Select(name => new RegisteredComponents
        {
            Name = name,
            Type = "pubsub.crmsuite-emulator",
            Version = "v1",
        }));
        response.ExtendedMetadata["crmsuite.emulator"] = "true";
        try
        {
            var subscriptions = await directory.AllAsync(context.CancellationToken);
            response.Subscriptions.AddRange(subscriptions.Select(ToProto));
        }
        catch (SubscriptionDiscoveryException exception)
        {
            // Metadata stays available while an app is down; say which one instead of failing.
            response.ExtendedMetadata["crmsuite.emulator.discovery"] = exception.Message;
        }
        return response;
    }

    private static PubsubSubscription ToProto(AppSubscription subscription)
    {
        var proto = new PubsubSubscription
        {
            PubsubName = subscription.PubsubName,
            Topic = subscription.Topic,
            DeadLetterTopic = subscription.DeadLetterTopic ?? "",
            Type = PubsubSubscriptionType.Programmatic,
            Rules = new PubsubSubscriptionRules(),
        };
        foreach (var (key, value) in subscription.Metadata)
        {
            proto.Metadata[key] = value;
        }
        proto.Rules.Rules.AddRange(subscription.Rules.Select(r => new PubsubSubscriptionRule { Match = r.Match, Path = r.Path }));
        if (subscription.DefaultRoute is { } defaultRoute)
        {
            proto.Rules.Rules.Add(new PubsubSubscriptionRule { Path = defaultRoute });
        }
        return proto;
    }

    /// <summary>A gRPC status with google.rpc.ErrorInfo details, as Dapr's kit/errors builds them.</summary>
    private static RpcException ToRpcException(DaprError error)
    {
        var info = new ErrorInfo { Reason = error.Reason, Domain = DaprError.Domain };
        foreach (var (key, value) in error.Metadata)
        {
            info.Metadata[key] = value;
        }
        var status = new Google.Rpc.Status
        {
            Code = (int)error.GrpcStatus,
            Message = error.Message,
            Details = { Any.Pack(info) },
        };
        return status.ToRpcException();
    }
}
