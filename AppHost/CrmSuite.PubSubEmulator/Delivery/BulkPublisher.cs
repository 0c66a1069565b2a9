using CrmSuite.PubSubEmulator.Errors;

namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>One entry of a bulk publish, its event already as bytes.</summary>
/// <param name="Metadata">The entry's own metadata; null when it has none (then the request's metadata does not reach its CloudEvent, as in daprd).</param>
public sealed record BulkPublishEntry(string? EntryId, ReadOnlyMemory<byte> Event, string? ContentType, IReadOnlyDictionary<string, string>? Metadata);

/// <summary>A bulk publish as either front end received it (gRPC BulkPublishEvent[Alpha1] or HTTP /publish/bulk).</summary>
public sealed record BulkPublishRequest(
    string PubsubName,
    string Topic,
    IReadOnlyList<BulkPublishEntry> Entries,
    IReadOnlyDictionary<string, string> Metadata,
    TraceContext Trace);

/// <summary>An entry that was not taken by every subscriber, and why.</summary>
public sealed record BulkPublishFailure(string EntryId, string Error);

/// <summary>
/// Dapr's bulk publish: every entry becomes a message as a single publish would make it, and all of them
/// are delivered at once (so they gather into bulk deliveries for bulk subscribers). Not transactional:
/// some entries may be taken and others not; the caller hears which failed.
/// </summary>
public sealed class BulkPublisher(TopicMessageFactory messages, EventFanOut fanOut, ILogger<BulkPublisher> logger)
{
    /// <returns>The entries that failed; empty when every subscriber took every entry.</returns>
    /// <exception cref="DaprErrorException">The request is invalid; nothing was delivered.</exception>
    public async Task<IReadOnlyList<BulkPublishFailure>> PublishAsync(BulkPublishRequest request, CancellationToken cancellationToken)
    {
        messages.ValidateTarget(request.PubsubName, request.Topic);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in request.Entries)
        {
            if (string.IsNullOrEmpty(entry.EntryId) || !seen.Add(entry.EntryId))
            {
                throw new DaprErrorException(DaprError.MarshalEvents(request.PubsubName, request.Topic, "entryId is duplicated or not present for entry"));
            }
        }

        // Only the request's metadata decides rawPayload; an entry's metadata overrides the request's key by key.
        var rawPayload = TopicMessageFactory.IsRawPayload(request.Metadata);
        var topicMessages = request.Entries
            .Select(entry => messages.Create(
                new PublishRequest(request.PubsubName, request.Topic, entry.Event, entry.ContentType, MetadataOf(request, entry), request.Trace),
                rawPayload))
            .ToList();

        var outcomes = await Task.WhenAll(topicMessages.Select(m => fanOut.DeliverAsync(request.PubsubName, request.Topic, m, cancellationToken)));
        var failed = new List<BulkPublishFailure>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Count > 0)
            {
                failed.Add(new BulkPublishFailure(request.Entries[i].EntryId!, string.Join("; ", outcomes[i])));
            }
        }
        if (failed.Count > 0)
        {
            logger.LogWarning("Bulk publish to {PubsubName}/{Topic}: {Failed} of {Count} entries failed: {Failures}",
                request.PubsubName, request.Topic, failed.Count, request.Entries.Count, string.Join("; ", failed.Select(f => $"{f.EntryId}: {f.Error}")));
        }
        else
        {
            logger.LogInformation("Bulk published {Count} entries to {PubsubName}/{Topic}", request.Entries.Count, request.PubsubName, request.Topic);
        }
        return failed;
    }

    /// <summary>daprd's PopulateMetadataForBulkPublishEntry: the entry's keys, then the request's keys the entry lacks.</summary>
    private static IReadOnlyDictionary<string, string> MetadataOf(BulkPublishRequest request, BulkPublishEntry entry)
    {
        if (entry.Metadata is null)
        {
            return new Dictionary<string, string>();
        }
        var merged = new Dictionary<string, string>(entry.Metadata, StringComparer.Ordinal);
        foreach (var (key, value) in request.Metadata)
        {
            merged.TryAdd(key, value);
        }
        return merged;
    }
}
