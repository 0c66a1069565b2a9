using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.WebPush;

/// <summary>
/// Reminders as browser notifications: one delivery per device the person turned notifications
/// on in (the target is the device's id, so a browser that renews its keys keeps its deliveries),
/// sent by <see cref="WebPushSender"/>; the channel dispatcher retries a transient failure with
/// backoff and reports a permanent one (or a subscription the push service has ended) to the person.
/// </summary>
public sealed class WebPushChannel(WebPushSender sender, IServiceScopeFactory scopes) : IReminderChannel
{
    public string Name => "webpush";

    public bool Available => sender.Enabled;

    public async Task<IReadOnlyList<ChannelTarget>> TargetsAsync(SchedulingDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        await (from d in db.DeviceSubscriptions
               where userIds.Contains(d.UserId)
               join p in db.People on d.UserId equals p.UserId into people
               from p in people.DefaultIfEmpty()
               where p == null || !p.Disabled
               orderby d.UserId, d.Id
               select new ChannelTarget(d.UserId, d.Id.ToString())).ToListAsync(cancellationToken);

    public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        DeviceSubscription? device;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
            device = Guid.TryParse(message.Target, out var id)
                ? await db.DeviceSubscriptions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.UserId == message.UserId, cancellationToken)
                : null;
        }
        if (device is null)
        {
            throw new ChannelSendException("The browser was removed from the person's devices before the reminder went out.", permanent: true);
        }
        var notification = PushNotification.ForReminder(message.ReminderId, message.Item.Id, message.Item.Title, message.StartsAt, message.Item.TimeZone, message.Item.Place);
        var result = await sender.SendAsync(device, notification, cancellationToken);
        switch (result.Outcome)
        {
            case PushOutcome.Sent:
                return;
            case PushOutcome.TransientFailure:
                throw new ChannelSendException(result.Detail, permanent: false);
            default:
                throw new ChannelSendException(result.Detail, permanent: true);
        }
    }
}
