using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Configuration;

/// <summary>Configuration section <c>PubSub</c>.</summary>
public sealed class PubSubEmulatorOptions
{
    public const string SectionName = "PubSub";

    /// <summary>
    /// The pub/sub component names the emulator answers for (Dapr's <c>pubsubname</c>); a publish to
    /// any other name is refused with ERR_PUBSUB_NOT_FOUND, as the sidecar does without the Component.
    /// </summary>
    public string[] Components { get; set; } = [];

    /// <summary>
    /// Subscriber apps by app id, each with the base URL the emulator reads <c>/dapr/subscribe</c> from
    /// and delivers to (<c>PubSub__Apps__audit=http://127.0.0.1:5000</c>).
    /// </summary>
    public Dictionary<string, string> Apps { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The CloudEvent <c>source</c> when the publisher does not name itself with the
    /// <c>cloudevent.source</c> metadata (the real sidecar knows its app id; a shared emulator does not).
    /// </summary>
    public string DefaultSource { get; set; } = "crmsuite";

    /// <summary>How long an app's subscriptions are reused before <c>/dapr/subscribe</c> is read again.</summary>
    public TimeSpan DiscoveryCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for one subscriber's answer (discovery or delivery).</summary>
    public TimeSpan SubscriberTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bulk requests that may be under way at once to one bulk subscription (and route). Publishes that
    /// arrive while every slot is taken wait in that subscription's queue and go together in the next
    /// request, up to the subscription's <c>maxMessagesCount</c>.
    /// </summary>
    public int BulkDeliveriesInFlight { get; set; } = 2;

    /// <summary>The id the emulator reports in metadata.</summary>
    public string AppId { get; set; } = "pubsub-emulator";

    internal IReadOnlyDictionary<string, Uri> AppBaseUris() =>
        Apps.ToDictionary(app => app.Key, app => new Uri(app.Value, UriKind.Absolute), StringComparer.Ordinal);
}

internal sealed class PubSubEmulatorOptionsValidator : IValidateOptions<PubSubEmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, PubSubEmulatorOptions options)
    {
        var failures = new List<string>();
        if (options.Components.Length == 0 || options.Components.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("PubSub:Components must name at least one pub/sub component, none of them empty.");
        }
        foreach (var (appId, url) in options.Apps)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"PubSub:Apps:{appId} must be an absolute http(s) URL, not '{url}'.");
            }
        }
        if (string.IsNullOrWhiteSpace(options.DefaultSource))
        {
            failures.Add("PubSub:DefaultSource must not be empty.");
        }
        if (options.DiscoveryCacheDuration < TimeSpan.Zero)
        {
            failures.Add("PubSub:DiscoveryCacheDuration must not be negative.");
        }
        if (options.SubscriberTimeout <= TimeSpan.Zero)
        {
            failures.Add("PubSub:SubscriberTimeout must be positive.");
        }
        if (options.BulkDeliveriesInFlight < 1)
        {
            failures.Add("PubSub:BulkDeliveriesInFlight must be at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
