using System.Diagnostics;
using CrmSuite.Scheduling.Api.Live;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// The bell's live stream over real gRPC: a reminder delivered by one replica reaches the person's
/// stream on another replica at once (LISTEN/NOTIFY: the other replica polls only every 10 minutes
/// here), only the person's own, what a reconnect missed, the count going down when read elsewhere,
/// and the stream ending with the caller's token.
/// </summary>
public sealed class LiveNotificationTests(SchedulingApi api) : IClassFixture<SchedulingApi>, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _replica;
    private GrpcChannel? _channel;

    public async ValueTask InitializeAsync()
    {
        // A second replica on the same database that never polls within a test: only a NOTIFY wakes its streams.
        _replica = api.StartWithClientsAt(new Uri("http://127.0.0.1:9"), ("Scheduling:Live:FallbackPoll", "00:10:00"));
        _channel = GrpcChannel.ForAddress(_replica.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _replica.Server.CreateHandler() });
        await _replica.Services.GetRequiredService<NotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(60), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }
    }

    private Live.LiveClient LiveOnReplica(TestUser user, TimeSpan? lifetime = null)
    {
        var token = TestTokens.For(user, lifetime ?? TimeSpan.FromHours(2));
        return new Live.LiveClient(_channel!.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        }));
    }

    private static async Task<NotificationEvent> NextAsync(AsyncServerStreamingCall<NotificationEvent> stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        Assert.True(await stream.ResponseStream.MoveNext(timeout.Token), "The stream ended.");
        return stream.ResponseStream.Current;
    }

    /// <summary>A meeting of <paramref name="owner"/>'s later today whose day-before reminder is already past: due at once.</summary>
    private async Task<Item> RemindedMeetingAsync(TestUser owner, string title)
    {
        var meeting = await api.MeetingAsync(owner, "2026-03-01T18:00", "2026-03-01T19:00", r =>
        {
            r.Title = title;
            r.ReminderMinutesBefore.Add(1440);
        });
        return meeting;
    }

    private Task<int> DispatchOnFirstReplicaAsync() => api.Services.GetRequiredService<ReminderDispatcher>().DispatchBatchAsync(Ct);

    [Fact]
    public async Task A_reminder_delivered_by_one_replica_reaches_the_persons_stream_on_another_at_once_and_nobody_elses()
    {
        using var anna = LiveOnReplica(People.Anna).WatchMyNotifications(new WatchMyNotificationsRequest(), cancellationToken: Ct);
        using var boris = LiveOnReplica(People.Boris).WatchMyNotifications(new WatchMyNotificationsRequest(), cancellationToken: Ct);
        var annaBefore = (await NextAsync(anna)).Unread;
        var borisBefore = (await NextAsync(boris)).Unread;

        await RemindedMeetingAsync(People.Anna, "Звонок поставщику");
        var clock = Stopwatch.StartNew();
        Assert.Equal(1, await DispatchOnFirstReplicaAsync());
        var arrived = await NextAsync(anna);
        var latency = clock.Elapsed;

        Assert.Equal(("Звонок поставщику", annaBefore + 1), (arrived.Notification.Title, arrived.Unread));
        Assert.Null(arrived.Notification.ReadAt);
        TestContext.Current.TestOutputHelper?.WriteLine($"Live notification: committed by replica 1, on the stream of replica 2 after {latency.TotalMilliseconds:F0} ms (LISTEN/NOTIFY; that replica's fallback poll is 10 min)");

        // Boris's stream stays quiet about Anna's: the next thing it says is his own reminder.
        await RemindedMeetingAsync(People.Boris, "Планёрка Бориса");
        await DispatchOnFirstReplicaAsync();
        var his = await NextAsync(boris);
        Assert.Equal(("Планёрка Бориса", borisBefore + 1), (his.Notification.Title, his.Unread));
    }

    [Fact]
    public async Task A_reconnect_with_since_gets_what_arrived_while_away_and_reading_elsewhere_lowers_the_count()
    {
        var seen = (await api.As(People.Oleg).Notifications.ListNotificationsAsync(new ListNotificationsRequest(), cancellationToken: Ct)).Notifications;
        var since = seen.Count > 0 ? seen[0].CreatedAt : Timestamp.FromDateTimeOffset(api.Clock.Now.AddMinutes(-1));
        await RemindedMeetingAsync(People.Oleg, "Пока страницы не было");
        await DispatchOnFirstReplicaAsync();

        using var fresh = LiveOnReplica(People.Oleg).WatchMyNotifications(new WatchMyNotificationsRequest(), cancellationToken: Ct);
        using var back = LiveOnReplica(People.Oleg).WatchMyNotifications(new WatchMyNotificationsRequest { Since = since }, cancellationToken: Ct);
        var count = await NextAsync(fresh);
        var backCount = await NextAsync(back);
        var missed = await NextAsync(back);

        Assert.Equal((null, null), (count.Notification, backCount.Notification));
        Assert.Equal((seen.Count(n => n.ReadAt is null) + 1, count.Unread), (count.Unread, backCount.Unread));
        Assert.Equal(("Пока страницы не было", count.Unread), (missed.Notification.Title, missed.Unread));

        // Read in another page: both open streams hear the count go down.
        await api.As(People.Oleg).Notifications.MarkNotificationsReadAsync(new MarkNotificationsReadRequest { AllUpTo = Timestamp.FromDateTimeOffset(api.Clock.Now) }, cancellationToken: Ct);
        Assert.Equal((0, 0), ((await NextAsync(fresh)).Unread, (await NextAsync(back)).Unread));
    }

    [Fact]
    public async Task The_stream_ends_when_the_callers_token_expires_so_the_page_reconnects_and_is_authorized_again()
    {
        using var stream = LiveOnReplica(People.HeadOfNorth, TimeSpan.FromSeconds(3)).WatchMyNotifications(new WatchMyNotificationsRequest(), cancellationToken: Ct);
        await NextAsync(stream);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));

        Assert.False(await stream.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(StatusCode.OK, stream.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Without_the_calendar_permission_or_with_a_bad_since_the_stream_is_refused()
    {
        var noCalendar = new TestUser("no-calendar", "Кладовщик", "own", [CrmSuite.BuildingBlocks.Security.Permissions.WarehouseRead], [], []);
        using var refused = LiveOnReplica(noCalendar).WatchMyNotifications(new WatchMyNotificationsRequest(), cancellationToken: Ct);
        using var bad = LiveOnReplica(People.Anna).WatchMyNotifications(new WatchMyNotificationsRequest { Since = new Timestamp { Seconds = -100_000_000_000 } }, cancellationToken: Ct);

        var denied = await Assert.ThrowsAsync<RpcException>(() => refused.ResponseStream.MoveNext(Ct));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => bad.ResponseStream.MoveNext(Ct));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["since"], invalid.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
        // The same over REST: a 400 naming the field, not a stream.
        var rest = await api.As(People.Anna).Http.GetAsync("/v1/notifications:watch?since=1900-01-01T00:00:00Z", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(["since"], await BadFieldsAsync(rest));
    }
}
