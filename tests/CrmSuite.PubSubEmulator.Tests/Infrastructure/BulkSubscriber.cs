using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr;
using Dapr.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmSuite.PubSubEmulator.Tests.Infrastructure;

/// <summary>One bulk request as the subscriber got it: its path, content type and JSON.</summary>
public sealed record BulkRequest(string Path, string? ContentType, JsonObject Body)
{
    public IReadOnlyList<JsonObject> Entries => [.. Body["entries"]!.AsArray().Select(e => e!.AsObject())];

    public IEnumerable<OrderPlaced> Orders => Entries.Select(e => e["event"]!["data"].Deserialize<OrderPlaced>(JsonSerializerOptions.Web)!);
}

/// <summary>
/// Bulk topic handlers written the way an app bulk-subscribes with Dapr.AspNetCore: WithTopic +
/// WithBulkSubscribe, the body bound to the SDK's BulkSubscribeMessage and answered with its
/// BulkSubscribeAppResponse. Each entry's status follows its order's customer: "RETRY…", "DROP…",
/// "SILENT…" (left out of the answer), anything else SUCCESS. A customer registered with
/// <see cref="HoldAsync"/> keeps its request open until the test releases it.
/// </summary>
public sealed class BulkSubscriber
{
    private readonly ConcurrentQueue<BulkRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    public IReadOnlyList<BulkRequest> RequestsCarrying(string marker) =>
        [.. _requests.Where(r => r.Body.ToJsonString().Contains(marker, StringComparison.Ordinal))];

    public RouteHandlerBuilder MapBulkTopic(WebApplication app, string path, TopicOptions topic, int maxMessagesCount) =>
        app.MapPost(path, async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var raw = await reader.ReadToEndAsync(http.RequestAborted);
            var message = JsonSerializer.Deserialize<BulkSubscribeMessage<BulkMessageModel<OrderPlaced>>>(raw, JsonSerializerOptions.Web)!;
            _requests.Enqueue(new BulkRequest(http.Request.Path, http.Request.ContentType, JsonNode.Parse(raw)!.AsObject()));

            foreach (var entry in message.Entries)
            {
                if (_holds.TryGetValue(entry.Event.Data.Customer, out var hold))
                {
                    hold.Arrived.TrySetResult();
                    await hold.Release.Task;
                }
            }
            var statuses = message.Entries
                .Where(e => !e.Event.Data.Customer.StartsWith("SILENT", StringComparison.Ordinal))
                .Select(e => new BulkSubscribeAppResponseEntry(e.EntryId, StatusOf(e.Event.Data.Customer)))
                .ToList();
            return Results.Json(new BulkSubscribeAppResponse(statuses), JsonSerializerOptions.Web);
        })
        .WithTopic(topic)
        .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = topic.Name, MaxMessagesCount = maxMessagesCount, MaxAwaitDurationMs = 40 });

    /// <summary>A bulk topic with <c>rawPayload</c>: records what came and answers SUCCESS for every entry.</summary>
    public RouteHandlerBuilder MapRawBulkTopic(WebApplication app, string path, TopicOptions topic) =>
        app.MapPost(path, async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = JsonNode.Parse(await reader.ReadToEndAsync(http.RequestAborted))!.AsObject();
            _requests.Enqueue(new BulkRequest(http.Request.Path, http.Request.ContentType, body));
            var statuses = body["entries"]!.AsArray()
                .Select(e => new BulkSubscribeAppResponseEntry(e!["entryId"]!.GetValue<string>(), BulkSubscribeAppResponseStatus.SUCCESS))
                .ToList();
            return Results.Json(new BulkSubscribeAppResponse(statuses), JsonSerializerOptions.Web);
        })
        .WithTopic(topic)
        .WithBulkSubscribe(new BulkSubscribeTopicOptions { TopicName = topic.Name });

    /// <summary>
    /// Publishes with <paramref name="publish"/> an order of <paramref name="customer"/> and returns once
    /// its bulk request reached the app, which keeps that request open until the returned hold is released.
    /// </summary>
    public async Task<(Task Publish, TaskCompletionSource Release)> HoldAsync(string customer, Func<Task> publish, CancellationToken cancellationToken)
    {
        var hold = new Hold();
        _holds[customer] = hold;
        var published = publish();
        if (await Task.WhenAny(hold.Arrived.Task, published).WaitAsync(cancellationToken) == published)
        {
            await published;
            throw new InvalidOperationException($"the publish of {customer} ended before its bulk request reached the app");
        }
        return (published, hold.Release);
    }

    private static BulkSubscribeAppResponseStatus StatusOf(string customer) =>
        customer.StartsWith("RETRY", StringComparison.Ordinal) ? BulkSubscribeAppResponseStatus.RETRY
        : customer.StartsWith("DROP", StringComparison.Ordinal) ? BulkSubscribeAppResponseStatus.DROP
        : BulkSubscribeAppResponseStatus.SUCCESS;

    private sealed class Hold
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
