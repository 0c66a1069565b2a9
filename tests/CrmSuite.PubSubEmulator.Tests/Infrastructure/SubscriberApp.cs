using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrmSuite.PubSubEmulator.Tests.Infrastructure;

/// <summary>What one subscriber endpoint received: the envelope on the wire and the data the handler saw.</summary>
public sealed record Delivery(
    string AppId,
    string Path,
    string? EnvelopeContentType,
    JsonObject Envelope,
    string? DataContentType,
    string Data)
{
    public string? EventId => Envelope["id"]?.GetValue<string>();
}

/// <summary>
/// A subscriber written the way CrmSuite services subscribe in production: Dapr.AspNetCore's
/// UseCloudEvents + MapSubscribeHandler + WithTopic, on Kestrel on a real loopback port. A small
/// middleware in front of UseCloudEvents keeps the raw envelope so tests can check what the
/// emulator put on the wire.
/// </summary>
public sealed class SubscriberApp : IAsyncDisposable
{
    public const string PubSub = "pubsub";

    private const string RawEnvelopeKey = "raw-envelope";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly string _contentRoot;

    private SubscriberApp(string appId, WebApplication app, string contentRoot)
    {
        AppId = appId;
        _app = app;
        _contentRoot = contentRoot;
    }

    public string AppId { get; }

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<SubscriberApp> StartAsync(string appId, Action<SubscriberApp, WebApplication> mapTopics, CancellationToken cancellationToken)
    {
        // An empty content root: the test output also holds the emulator's appsettings.json, whose
        // Kestrel endpoints are not this app's.
        var contentRoot = Directory.CreateTempSubdirectory("crmsuite-subscriber-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var subscriber = new SubscriberApp(appId, app, contentRoot);

        app.Use(async (context, next) =>
        {
            if (context.Request.ContentType?.StartsWith("application/cloudevents+json", StringComparison.Ordinal) == true)
            {
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
                context.Items[RawEnvelopeKey] = new RawEnvelope(context.Request.ContentType, await reader.ReadToEndAsync(context.RequestAborted));
                context.Request.Body.Position = 0;
            }
            await next(context);
        });
        app.UseCloudEvents();
        app.MapSubscribeHandler();
        mapTopics(subscriber, app);

        await app.StartAsync(cancellationToken);
        subscriber.BaseUri = new Uri(app.Urls.Single());
        return subscriber;
    }

    /// <summary>Maps a topic handler that records what it got and answers <paramref name="answer"/>.</summary>
    public RouteHandlerBuilder MapTopic(WebApplication app, string path, TopicOptions topic, Func<IResult> answer) =>
        app.MapPost(path, async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            Record(http, await reader.ReadToEndAsync(http.RequestAborted));
            return answer();
        }).WithTopic(topic);

    public RouteHandlerBuilder MapTopic(WebApplication app, string path, string topic, Func<IResult> answer, string? deadLetterTopic = null) =>
        MapTopic(app, path, new TopicOptions { PubsubName = PubSub, Name = topic, DeadLetterTopic = deadLetterTopic }, answer);

    public void Record(HttpContext http, string data)
    {
        var raw = http.Items.TryGetValue(RawEnvelopeKey, out var item) && item is RawEnvelope captured ? captured : new RawEnvelope(null, "{}");
        var envelope = JsonNode.Parse(raw.Json)!.AsObject();
        _deliveries.Enqueue(new Delivery(AppId, http.Request.Path, raw.ContentType, envelope, http.Request.ContentType, data));
    }

    /// <summary>Deliveries whose data carries <paramref name="marker"/> (each test publishes its own).</summary>
    public IReadOnlyList<Delivery> DeliveriesCarrying(string marker) =>
        [.. _deliveries.Where(d => d.Data.Contains(marker, StringComparison.Ordinal) || d.Envelope.ToJsonString().Contains(marker, StringComparison.Ordinal))];

    private sealed record RawEnvelope(string? ContentType, string Json);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_contentRoot, recursive: true);
    }
}
