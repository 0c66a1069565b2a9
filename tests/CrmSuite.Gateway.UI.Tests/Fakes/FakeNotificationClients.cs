using System.Threading.Channels;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The person's notifications: a stored list the bell reads and marks, every request recorded.</summary>
internal sealed class FakeNotificationsClient : CrmSuite.Scheduling.Contracts.Notifications.NotificationsClient
{
    public List<Notification> Stored { get; } = [];

    public List<MarkNotificationsReadRequest> MarkRequests { get; } = [];

    public override AsyncUnaryCall<ListNotificationsResponse> ListNotificationsAsync(ListNotificationsRequest request, CallOptions options)
    {
        var response = new ListNotificationsResponse();
        response.Notifications.AddRange(Stored.OrderByDescending(n => n.CreatedAt).Take(request.PageSize > 0 ? request.PageSize : 50).Select(n => n.Clone()));
        return Calls.Ok(response);
    }

    public override AsyncUnaryCall<MarkNotificationsReadResponse> MarkNotificationsReadAsync(MarkNotificationsReadRequest request, CallOptions options)
    {
        MarkRequests.Add(request);
        var marked = Stored.Where(n => n.ReadAt is null && (request.Ids.Contains(n.Id) || (request.AllUpTo is { } upTo && n.CreatedAt.CompareTo(upTo) <= 0))).ToList();
        foreach (var notification in marked)
        {
            notification.ReadAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        }
        return Calls.Ok(new MarkNotificationsReadResponse { Marked = marked.Count });
    }

    public static Notification Of(string id, string title, string startsAt, int minutesAgo = 1) => new()
    {
        Id = id, ItemId = "item-" + id, Title = title,
        StartsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(startsAt, System.Globalization.CultureInfo.InvariantCulture)),
        DueAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-minutesAgo)),
        CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-minutesAgo)),
    };
}

/// <summary>
/// The live stream as a test drives it: each WatchMyNotifications call is one connection whose
/// events the test sends (<see cref="Send"/>) and which the test breaks (<see cref="Break"/>, the
/// service going away) or a call fails at once while <see cref="Down"/> is set.
/// </summary>
internal sealed class FakeLiveClient : Live.LiveClient
{
    private Channel<NotificationEvent>? _current;

    public List<WatchMyNotificationsRequest> Requests { get; } = [];

    public bool Down { get; set; }

    public int Connections => Requests.Count;

    public override AsyncServerStreamingCall<NotificationEvent> WatchMyNotifications(WatchMyNotificationsRequest request, CallOptions options)
    {
        Requests.Add(request);
        var channel = Channel.CreateUnbounded<NotificationEvent>();
        if (Down)
        {
            channel.Writer.Complete(Calls.Error(StatusCode.Unavailable, "scheduling is down"));
        }
        else
        {
            _current = channel;
        }
        return new AsyncServerStreamingCall<NotificationEvent>(new Reader(channel.Reader, options.CancellationToken), Task.FromResult(new Metadata()),
            () => Status.DefaultSuccess, () => new Metadata(), () => { });
    }

    public void Send(NotificationEvent change) => _current!.Writer.TryWrite(change);

    public void Break() => _current!.Writer.TryComplete(Calls.Error(StatusCode.Unavailable, "scheduling restarted"));

    private sealed class Reader(ChannelReader<NotificationEvent> reader, CancellationToken callCancelled) : IAsyncStreamReader<NotificationEvent>
    {
        public NotificationEvent Current { get; private set; } = null!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callCancelled);
            if (!await reader.WaitToReadAsync(both.Token))
            {
                return false;
            }
            Current = await reader.ReadAsync(both.Token);
            return true;
        }
    }
}
