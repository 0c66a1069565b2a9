using System.Runtime.CompilerServices;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LiveClient = CrmSuite.Scheduling.Contracts.Live.LiveClient;
using NotificationsClient = CrmSuite.Scheduling.Contracts.Notifications.NotificationsClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>The person's in-app reminders (the bell): the latest, reading them, and the live stream of new ones.</summary>
public sealed class NotificationsApi(NotificationsClient notifications, LiveClient live)
{
    public async Task<IReadOnlyList<Notification>?> LatestAsync(int count, ErrorState errors, CancellationToken cancellationToken = default) =>
        (await ServiceCall.RunAsync(notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = count }, cancellationToken: cancellationToken),
            errors, cancellationToken))?.Notifications;

    /// <summary>How many were unread and are read now, or null with the reason in <paramref name="errors"/>.</summary>
    public async Task<int?> MarkReadAsync(string id, ErrorState errors) =>
        (await ServiceCall.RunAsync(notifications.MarkNotificationsReadAsync(new MarkNotificationsReadRequest { Ids = { id } }), errors, default))?.Marked;

    /// <summary>Marks read every one created up to <paramref name="upTo"/> (the newest shown), so one arriving meanwhile stays unread.</summary>
    public async Task<int?> MarkAllReadAsync(Timestamp upTo, ErrorState errors) =>
        (await ServiceCall.RunAsync(notifications.MarkNotificationsReadAsync(new MarkNotificationsReadRequest { AllUpTo = upTo }), errors, default))?.Marked;

    /// <summary>
    /// The live stream: first the unread count, then each new notification. It ends when the
    /// person's token runs out and throws <see cref="RpcException"/> when the service goes away;
    /// the caller connects again, with <paramref name="since"/> the newest it has seen.
    /// </summary>
    public async IAsyncEnumerable<NotificationEvent> WatchAsync(Timestamp? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = live.WatchMyNotifications(new WatchMyNotificationsRequest { Since = since }, cancellationToken: cancellationToken);
        await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return item;
        }
    }
}
