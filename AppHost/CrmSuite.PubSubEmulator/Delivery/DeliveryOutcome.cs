using CrmSuite.PubSubEmulator.Subscriptions;

namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>What became of a message at one subscription.</summary>
internal enum DeliveryStatus
{
    /// <summary>The app answered SUCCESS (or 2xx without a status).</summary>
    Delivered,

    /// <summary>No route of the subscription matches the event.</summary>
    Skipped,

    /// <summary>Dropped by the emulator as the sidecar drops it (expired, or the app answered 404).</summary>
    Dropped,

    /// <summary>The app answered DROP: the message goes to the subscription's dead-letter topic, if any.</summary>
    DroppedByApp,

    /// <summary>Not taken (RETRY, an unknown status, an error answer, the app unreachable): the publish fails.</summary>
    Failed,
}

internal sealed record DeliveryOutcome(AppSubscription Subscription, DeliveryStatus Status, string Detail)
{
    public static DeliveryOutcome Failed(AppSubscription subscription, string detail) =>
        new(subscription, DeliveryStatus.Failed, detail);
}

/// <summary>A message as it is on the topic: the CloudEvent JSON the sidecar made, or the bytes of a rawPayload publish.</summary>
internal sealed record TopicMessage(byte[] Bytes, string? EventId);
