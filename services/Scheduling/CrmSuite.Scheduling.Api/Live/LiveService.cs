using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Live;

/// <summary>
/// The caller's own notifications as they are delivered, for the bell and the toast of every open
/// page. Woken by <see cref="NotificationListener"/> (LISTEN/NOTIFY) and polling every
/// <see cref="LiveOptions.FallbackPoll"/> besides; what is new is read from the database each time,
/// so it does not matter which replica delivered it or how many signals arrived.
/// </summary>
public sealed class LiveService(IServiceScopeFactory scopes, NotificationSignals signals, IOptions<LiveOptions> options)
    : Contracts.Live.LiveBase
{
    private const int MaxPerRead = 50;
    /// <summary>The bell shows "99+" long before this; counting further costs for nothing.</summary>
    private const int MaxCounted = 1000;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task WatchMyNotifications(WatchMyNotificationsRequest request, IServerStreamWriter<NotificationEvent> responseStream, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var userId = user.UserId() ?? "\u0000no-subject";
        var errors = new FieldErrors();
        var since = InputRules.Instant(errors, "since", request.Since);
        errors.ThrowIfAny();

        // The stream ends with the caller's token: the client reconnects with a fresh one and is authorized again.
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        lifetime.CancelAfter(Lifetime(user));
        // Watch before the first read, so nothing delivered between the two is missed.
        using var watcher = signals.Watch(userId);
        int? lastUnread = null;
        try
        {
            var (after, sent) = await StartAsync(userId, since, lifetime.Token);
            while (true)
            {
                var (fresh, unread) = await ReadAsync(userId, after, sent, lifetime.Token);
                if (lastUnread is null || (fresh.Count == 0 && unread != lastUnread))
                {
                    await responseStream.WriteAsync(new NotificationEvent { Unread = unread }, lifetime.Token);
                }
                foreach (var notification in fresh)
                {
                    await responseStream.WriteAsync(new NotificationEvent { Notification = NotificationMapping.ToContract(notification), Unread = unread }, lifetime.Token);
                    sent.Add(notification.Id);
                }
                lastUnread = unread;
                await watcher.WaitAsync(options.Value.FallbackPoll, lifetime.Token);
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // The caller left, or the token ran out: the stream ends normally.
        }
    }

    /// <summary>
    /// Where the stream starts: after <paramref name="since"/>, else after the caller's newest
    /// notification. A replica whose clock runs a little behind may still deliver one stamped
    /// earlier, so the stream looks <see cref="ClockSkew"/> further back and counts the ones it
    /// finds there as already seen.
    /// </summary>
    private async Task<(DateTimeOffset After, HashSet<Guid> Seen)> StartAsync(string userId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var boundary = since ?? await mine.MaxAsync(n => (DateTimeOffset?)n.CreatedAt, cancellationToken);
        if (boundary is not { } seenUpTo)
        {
            return (DateTimeOffset.MinValue, []);
        }
        var after = seenUpTo - ClockSkew;
        var seen = await mine.Where(n => n.CreatedAt > after && n.CreatedAt <= seenUpTo).Select(n => n.Id).ToListAsync(cancellationToken);
        return (after, [.. seen]);
    }

    private async Task<(List<Reminders.Notification> Fresh, int Unread)> ReadAsync(string userId, DateTimeOffset after, HashSet<Guid> sent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var unread = db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAt == null);
        var ids = sent.ToList();
        // By id, not by a cursor of created_at: two replicas' dispatchers commit in any order.
        var fresh = await unread.Where(n => n.CreatedAt > after && !ids.Contains(n.Id))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(MaxPerRead).ToListAsync(cancellationToken);
        var count = await unread.Take(MaxCounted).CountAsync(cancellationToken);
        return (fresh, count);
    }

    private TimeSpan Lifetime(System.Security.Claims.ClaimsPrincipal user)
    {
        var longest = options.Value.MaxStreamLifetime;
        // Token expiry is wall-clock time, whatever clock the service plans reminders by.
        if (long.TryParse(user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp))
        {
            var left = DateTimeOffset.FromUnixTimeSeconds(exp) - DateTimeOffset.UtcNow;
            return left < TimeSpan.Zero ? TimeSpan.Zero : left < longest ? left : longest;
        }
        return longest;
    }
}
