using CrmSuite.Scheduling.Api.Infrastructure;

namespace CrmSuite.Scheduling.Api.Channels;

/// <summary>
/// An external reminder channel (e-mail, SMS, Web Push). Register one as a singleton
/// <c>IReminderChannel</c> and the dispatchers do the rest: the in-app dispatcher asks it for the
/// targets of the people it just reminded (in its transaction) and queues one delivery per target;
/// the channel dispatcher leases due deliveries, calls <see cref="SendAsync"/>, retries with
/// backoff and reports failures to the person and administrators.
/// </summary>
public interface IReminderChannel
{
    /// <summary>Stored with each delivery and shown in failure lists: "email", "sms", "webpush" (at most 20 characters).</summary>
    string Name { get; }

    /// <summary>Whether it can send at all (configured). An unavailable channel queues nothing.</summary>
    bool Available { get; }

    /// <summary>
    /// Where each of these people wants this channel's reminders: none for a person who switched it
    /// off, has no address or device, or whose account is disabled; several for several devices.
    /// A target is at most 500 characters.
    /// </summary>
    Task<IReadOnlyList<ChannelTarget>> TargetsAsync(SchedulingDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one reminder. Returns when the far side accepted it. Throws
    /// <see cref="ChannelSendException"/> with <c>Permanent</c> for a failure a retry cannot fix
    /// (a refused address, a gone push subscription); any other exception is retried.
    /// </summary>
    Task SendAsync(ReminderMessage message, CancellationToken cancellationToken);
}

public sealed record ChannelTarget(string UserId, string Target);

/// <summary>
/// Everything a channel needs to word and address one reminder. <see cref="DeliveryId"/> is stable
/// across retries: channels use it as the message's idempotency key (e-mail: Message-ID).
/// </summary>
public sealed record ReminderMessage(
    Guid DeliveryId,
    Guid ReminderId,
    string Target,
    string UserId,
    string PersonName,
    /// <summary>"ru" or "en".</summary>
    string Language,
    ReminderItem Item,
    DateTimeOffset StartsAt,
    DateTimeOffset DueAt,
    bool Late,
    /// <summary>The item in the staff UI (absolute when the public address is configured).</summary>
    string ItemUrl);

public sealed record ReminderItem(Guid Id, string Kind, string Title, string TimeZone, bool AllDay, TimeSpan? Duration, string? Place, string? OnlineLink);

/// <summary>A channel's refusal; <see cref="Permanent"/>: retrying cannot help, the delivery fails at once.</summary>
public sealed class ChannelSendException(string reason, bool permanent, Exception? inner = null) : Exception(reason, inner)
{
    public bool Permanent { get; } = permanent;
}
