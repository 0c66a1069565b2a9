namespace CrmSuite.Scheduling.Api.Channels;

public enum DeliveryState : short { Pending = 1, Sent = 2, Failed = 3, Cancelled = 4 }

/// <summary>
/// One reminder to be sent on one external channel to one target (an address, a number, a push
/// device): queued with the in-app delivery in its transaction, unique per reminder, channel and
/// target, so a reminder goes out at most once per channel and target whatever the replicas do.
/// The channel dispatcher leases due rows (<see cref="NextAttemptAt"/> moves past the lease) with
/// <c>FOR UPDATE SKIP LOCKED</c>, sends, and marks them sent, retried later, or failed.
/// </summary>
public sealed class ReminderDelivery : QueuedSend
{
    public Guid ReminderId { get; set; }
    public Guid ItemId { get; set; }
    public string UserId { get; set; } = string.Empty;
    public string Channel { get; set; } = string.Empty;
    public string Target { get; set; } = string.Empty;
    public DateTimeOffset DueAt { get; set; }
    /// <summary>The start of the occurrence reminded of (a series' occurrence, not the first one).</summary>
    public DateTimeOffset StartsAt { get; set; }
    public bool Late { get; set; }
}

/// <summary>A row of an outgoing queue sent by a <see cref="LeasedDispatcher"/>: its state, attempts and lease.</summary>
public abstract class QueuedSend
{
    public Guid Id { get; set; }
    public DeliveryState Status { get; set; } = DeliveryState.Pending;
    /// <summary>Attempts started (a claim counts one, even if its replica died before sending).</summary>
    public int Attempts { get; set; }
    /// <summary>When the next attempt may start: a retry's backoff, or a claim's lease.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}
