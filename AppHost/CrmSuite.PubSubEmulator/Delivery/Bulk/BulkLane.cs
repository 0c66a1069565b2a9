using CrmSuite.PubSubEmulator.Subscriptions;

namespace CrmSuite.PubSubEmulator.Delivery.Bulk;

/// <summary>
/// The queue of one bulk subscription and route. Whenever fewer than the allowed number of bulk requests
/// are under way, the next request takes everything queued, up to <c>maxMessagesCount</c>, without
/// waiting for more. Each publisher awaits its own entry's outcome.
/// </summary>
/// <remarks>
/// No entry is left behind: an entry is queued, then <see cref="StartDeliveries"/> runs; a request that
/// ends frees its slot, then runs it again. Both look at the queue and the slots under the same lock, so
/// either the enqueuer sees a free slot or the request that holds it sees the entry.
/// </remarks>
internal sealed class BulkLane(BulkRequestSender sender, Func<int> slots, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Queue<PendingEntry> _queue = new();
    private int _inFlight;

    /// <summary>Entries waiting for a free slot (for tests and diagnostics).</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public Task<DeliveryOutcome> DeliverAsync(AppSubscription subscription, string route, BulkEntryContent content, CancellationToken cancellationToken)
    {
        var pending = new PendingEntry(subscription, route, content, cancellationToken);
        lock (_gate)
        {
            _queue.Enqueue(pending);
        }
        StartDeliveries();
        // A publisher that gives up stops waiting; its entry is skipped if not yet taken, else the
        // request it is in goes on for the others.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private void StartDeliveries()
    {
        while (true)
        {
            List<PendingEntry> batch;
            lock (_gate)
            {
                if (_inFlight >= slots() || _queue.Count == 0)
                {
                    return;
                }
                var max = _queue.Peek().Subscription.BulkSubscribe?.MaxMessagesCount ?? BulkSubscribeSettings.DefaultMaxMessagesCount;
                batch = new List<PendingEntry>(Math.Min(_queue.Count, max));
                while (batch.Count < max && _queue.TryDequeue(out var next))
                {
                    if (next.CancellationToken.IsCancellationRequested)
                    {
                        next.Completion.TrySetCanceled(next.CancellationToken);
                        continue;
                    }
                    batch.Add(next);
                }
                if (batch.Count == 0)
                {
                    continue;
                }
                _inFlight++;
            }
            _ = SendAsync(batch);
        }
    }

    private async Task SendAsync(List<PendingEntry> batch)
    {
        // Off the caller's stack: the caller is a publisher (or the request that just ended).
        await Task.Yield();
        try
        {
            var first = batch[0];
            var results = await sender.SendAsync(first.Subscription, first.Route, [.. batch.Select(p => p.Content)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(new DeliveryOutcome(batch[i].Subscription, results[i].Status, results[i].Detail));
            }
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "A bulk delivery of {Count} entries failed", batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetResult(DeliveryOutcome.Failed(pending.Subscription, $"bulk delivery to app '{pending.Subscription.AppId}' failed: {exception.Message}"));
            }
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
            StartDeliveries();
        }
    }

    private sealed record PendingEntry(AppSubscription Subscription, string Route, BulkEntryContent Content, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<DeliveryOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
