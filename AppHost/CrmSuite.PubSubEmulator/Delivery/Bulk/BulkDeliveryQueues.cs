using System.Collections.Concurrent;
using CrmSuite.PubSubEmulator.Configuration;
using CrmSuite.PubSubEmulator.Subscriptions;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Delivery.Bulk;

/// <summary>
/// Delivers to subscriptions that asked for <c>bulkSubscribe</c>: concurrent publishes bound for the same
/// subscription and route are gathered into bulk requests, one <see cref="BulkLane"/> per subscription
/// and route. The emulator stays synchronous: a publisher's await ends with its own entry's outcome.
/// </summary>
public sealed class BulkDeliveryQueues(
    BulkRequestSender sender,
    IOptionsMonitor<PubSubEmulatorOptions> options,
    ILogger<BulkDeliveryQueues> logger)
{
    private readonly ConcurrentDictionary<LaneKey, BulkLane> _lanes = new();

    /// <summary>Entries waiting for a free slot, over all bulk subscriptions (for tests and diagnostics).</summary>
    internal int Queued => _lanes.Values.Sum(lane => lane.Queued);

    internal Task<DeliveryOutcome> DeliverAsync(AppSubscription subscription, string route, BulkEntryContent content, CancellationToken cancellationToken)
    {
        var key = new LaneKey(subscription.AppId, subscription.AppBaseUri, subscription.PubsubName, subscription.Topic, route);
        var lane = _lanes.GetOrAdd(key, _ => new BulkLane(sender, () => options.CurrentValue.BulkDeliveriesInFlight, logger));
        return lane.DeliverAsync(subscription, route, content, cancellationToken);
    }

    private readonly record struct LaneKey(string AppId, Uri AppBaseUri, string PubsubName, string Topic, string Route);
}
