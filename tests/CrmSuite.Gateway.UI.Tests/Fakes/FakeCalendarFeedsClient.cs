using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The person's calendar feed as the service keeps it: one status, a new token per create, revoke.</summary>
internal sealed class FakeCalendarFeedsClient : CalendarFeeds.CalendarFeedsClient
{
    public FeedStatus Status { get; set; } = new();

    public int Created { get; private set; }

    public int Revoked { get; private set; }

    public override AsyncUnaryCall<FeedStatus> GetFeedAsync(GetFeedRequest request, CallOptions options) => Calls.Ok(Status.Clone());

    public override AsyncUnaryCall<CreatedFeed> CreateFeedAsync(CreateFeedRequest request, CallOptions options)
    {
        Created++;
        Status = new FeedStatus { Active = true, CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero)) };
        // As the service answers a call that did not come through the gateway: the path only.
        var path = $"/api/scheduling/v1/feeds/token-{Created}.ics";
        return Calls.Ok(new CreatedFeed { Url = path, Path = path, Status = Status.Clone() });
    }

    public override AsyncUnaryCall<FeedStatus> RevokeFeedAsync(RevokeFeedRequest request, CallOptions options)
    {
        Revoked++;
        Status = new FeedStatus { Active = false, CreatedAt = Status.CreatedAt, RevokedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero)) };
        return Calls.Ok(Status.Clone());
    }
}
