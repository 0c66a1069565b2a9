using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Configuration;
using CrmSuite.PubSubEmulator.Delivery;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Subscriptions;

/// <summary>
/// Finds who listens to what by asking every configured app for <c>/dapr/subscribe</c>, as the sidecar
/// does at start. An app that cannot answer makes the lookup fail: it may subscribe to the topic, so
/// publishing without it could lose the event. Answers are reused for
/// <see cref="PubSubEmulatorOptions.DiscoveryCacheDuration"/>; failures are never cached.
/// </summary>
public sealed class SubscriptionDirectory(
    SubscriberHttpClient subscriberHttp,
    IOptionsMonitor<PubSubEmulatorOptions> options,
    TimeProvider clock,
    ILogger<SubscriptionDirectory> logger)
{
    private readonly ConcurrentDictionary<(string AppId, Uri BaseUri), CachedAnswer> _answers = new();

    public async Task<IReadOnlyList<AppSubscription>> ForTopicAsync(string pubsubName, string topic, CancellationToken cancellationToken)
    {
        var all = await AllAsync(cancellationToken);
        // Topic and component names are compared exactly, as the sidecar does.
        return all.Where(s => s.PubsubName == pubsubName && s.Topic == topic).ToList();
    }

    public async Task<IReadOnlyList<AppSubscription>> AllAsync(CancellationToken cancellationToken)
    {
        var apps = options.CurrentValue.AppBaseUris();
        var lookups = apps.Select(app => SubscriptionsOfAsync(app.Key, app.Value, cancellationToken)).ToList();
        var answers = await Task.WhenAll(lookups);

        var failures = answers.Where(a => a.Failure is not null).Select(a => a.Failure!).ToList();
        if (failures.Count > 0)
        {
            throw new SubscriptionDiscoveryException(failures);
        }
        return answers.SelectMany(a => a.Subscriptions).ToList();
    }

    private async Task<LookupResult> SubscriptionsOfAsync(string appId, Uri baseUri, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_answers.TryGetValue((appId, baseUri), out var cached) && cached.FreshUntil > now)
        {
            return new LookupResult(cached.Subscriptions, null);
        }

        var subscribeUri = new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/dapr/subscribe", UriKind.Absolute);
        try
        {
            using var response = await subscriberHttp.Http.GetAsync(subscribeUri, cancellationToken);
            IReadOnlyList<AppSubscription> subscriptions;
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // An app without programmatic subscriptions: the sidecar treats 404 as "none".
                subscriptions = [];
            }
            else if (!response.IsSuccessStatusCode)
            {
                var failure = $"app '{appId}' answered {(int)response.StatusCode} on {subscribeUri}";
                logger.LogWarning("Subscriptions of {AppId} could not be read: {StatusCode} from {Uri}", appId, (int)response.StatusCode, subscribeUri);
                return new LookupResult([], failure);
            }
            else
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                subscriptions = Parse(appId, baseUri, body);
            }

            _answers[(appId, baseUri)] = new CachedAnswer(subscriptions, clock.GetUtcNow() + options.CurrentValue.DiscoveryCacheDuration);
            return new LookupResult(subscriptions, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Subscriptions of {AppId} could not be read from {Uri}: {Reason}", appId, subscribeUri, exception.Message);
            return new LookupResult([], $"subscriptions of app '{appId}' could not be read from {subscribeUri}: {exception.Message}");
        }
    }

    private IReadOnlyList<AppSubscription> Parse(string appId, Uri baseUri, byte[] body)
    {
        if (body.Length == 0)
        {
            return [];
        }
        var entries = JsonSerializer.Deserialize<List<SubscribeDocumentEntry>>(body, SubscribeDocumentEntry.SerializerOptions) ?? [];
        var subscriptions = new List<AppSubscription>(entries.Count);
        foreach (var entry in entries)
        {
            if (string.IsNullOrEmpty(entry.PubsubName) || string.IsNullOrEmpty(entry.Topic))
            {
                logger.LogWarning("App {AppId} lists a subscription without pubsubname or topic; it is ignored", appId);
                continue;
            }
            var rules = entry.Routes?.Rules?
                .Where(r => !string.IsNullOrEmpty(r.Path))
                .Select(r => new RouteRule(r.Match ?? "", r.Path!))
                .ToList() ?? [];
            var defaultRoute = entry.Routes is not null ? entry.Routes.Default : entry.Route;
            subscriptions.Add(new AppSubscription(
                appId, baseUri, entry.PubsubName, entry.Topic, rules,
                string.IsNullOrEmpty(defaultRoute) ? null : defaultRoute,
                string.IsNullOrEmpty(entry.DeadLetterTopic) ? null : entry.DeadLetterTopic,
                entry.Metadata ?? new Dictionary<string, string>(),
                BulkSubscribeSettings.From(entry.BulkSubscribe)));
        }
        logger.LogDebug("App {AppId} subscribes to {Count} topics", appId, subscriptions.Count);
        return subscriptions;
    }

    private sealed record CachedAnswer(IReadOnlyList<AppSubscription> Subscriptions, DateTimeOffset FreshUntil);

    private sealed record LookupResult(IReadOnlyList<AppSubscription> Subscriptions, string? Failure);
}

/// <summary>At least one configured app could not say what it subscribes to.</summary>
public sealed class SubscriptionDiscoveryException(IReadOnlyList<string> failures) : Exception(string.Join("; ", failures))
{
    public IReadOnlyList<string> Failures { get; } = failures;
}
