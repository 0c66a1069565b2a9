namespace CrmSuite.PubSubEmulator.Subscriptions;

/// <summary>One entry of an app's <c>GET /dapr/subscribe</c> answer (Dapr's programmatic subscription).</summary>
public sealed record AppSubscription(
    string AppId,
    Uri AppBaseUri,
    string PubsubName,
    string Topic,
    IReadOnlyList<RouteRule> Rules,
    string? DefaultRoute,
    string? DeadLetterTopic,
    IReadOnlyDictionary<string, string> Metadata,
    BulkSubscribeSettings? BulkSubscribe = null)
{
    /// <summary>
    /// <c>rawPayload</c> in the subscription metadata: the app wants the message bytes as they are on
    /// the topic, which the sidecar still hands over inside a CloudEvent as <c>data_base64</c>.
    /// </summary>
    public bool RawPayload => Metadata.TryGetValue("rawPayload", out var value) && Truthy.IsTruthy(value);

    public Uri RouteUri(string route) =>
        new(AppBaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + route.TrimStart('/'), UriKind.Absolute);
}

/// <summary>
/// <c>bulkSubscribe</c> of a subscription that enabled it: the app takes events in bulk requests of at most
/// <see cref="MaxMessagesCount"/> entries (Dapr's default 100 when the app gives none).
/// </summary>
public sealed record BulkSubscribeSettings(int MaxMessagesCount, int MaxAwaitDurationMs)
{
    /// <summary>What daprd's default bulk subscriber uses when the app leaves the count out (or gives 0).</summary>
    public const int DefaultMaxMessagesCount = 100;

    /// <summary>The settings of an entry's <c>bulkSubscribe</c>; null when absent or not enabled.</summary>
    internal static BulkSubscribeSettings? From(SubscribeDocumentBulk? bulk) =>
        bulk is { Enabled: true }
            ? new BulkSubscribeSettings(bulk.MaxMessagesCount > 0 ? bulk.MaxMessagesCount : DefaultMaxMessagesCount, Math.Max(bulk.MaxAwaitDurationMs, 0))
            : null;
}

/// <summary>A routing rule (<c>routes.rules[]</c>): deliver to <see cref="Path"/> when <see cref="Match"/> holds.</summary>
public sealed record RouteRule(string Match, string Path);

/// <summary>Dapr reads boolean metadata with kit's IsTruthy: y, yes, true, t, on, 1 (any case).</summary>
internal static class Truthy
{
    public static bool IsTruthy(string? value) =>
        value?.Trim().ToLowerInvariant() is "y" or "yes" or "true" or "t" or "on" or "1";
}
