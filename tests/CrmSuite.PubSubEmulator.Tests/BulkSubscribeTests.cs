using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Tests.Infrastructure;
using Dapr.Client;
using Grpc.Core;

namespace CrmSuite.PubSubEmulator.Tests;

/// <summary>
/// An app that declares <c>bulkSubscribe</c> gets events in Dapr's bulk requests, and concurrent
/// publishes to it are gathered into as few requests as the free delivery slots allow.
/// </summary>
public sealed class BulkSubscribeTests(BulkPubSubFixture pubsub) : IClassFixture<BulkPubSubFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bulk_subscriber_gets_a_bulk_request_in_Daprs_format_with_the_CloudEvent_as_each_entrys_event()
    {
        using var http = new HttpClient { BaseAddress = pubsub.Kpi.BaseUri };
        var subscribe = await http.GetStringAsync("/dapr/subscribe", Cancel);
        TestContext.Current.TestOutputHelper?.WriteLine($"GET /dapr/subscribe of the bulk subscriber: {subscribe}");
        var order = Expect.NewOrder();

        await pubsub.Publisher.PublishEventAsync("pubsub", "facts", order, Cancel);

        var request = Assert.Single(pubsub.Bulk.RequestsCarrying(order.OrderId.ToString()));
        Assert.Equal("/facts", request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(request.Body["id"]!.GetValue<string>(), out _));
        Assert.Equal("facts", request.Body["topic"]!.GetValue<string>());
        Assert.Equal("pubsub", request.Body["pubsubname"]!.GetValue<string>());
        Assert.Equal("com.dapr.event.sent", request.Body["type"]!.GetValue<string>());
        Assert.NotNull(request.Body["metadata"]!.AsObject());
        var entry = Assert.Single(request.Entries);
        Assert.False(string.IsNullOrEmpty(entry["entryId"]!.GetValue<string>()));
        Assert.Equal("application/cloudevents+json", entry["contentType"]!.GetValue<string>());
        Assert.NotNull(entry["metadata"]!.AsObject());
        var cloudEvent = entry["event"]!.AsObject();
        Assert.True(Guid.TryParse(cloudEvent["id"]!.GetValue<string>(), out _));
        Assert.Equal("1.0", cloudEvent["specversion"]!.GetValue<string>());
        Assert.Equal("facts", cloudEvent["topic"]!.GetValue<string>());
        Assert.Equal(order, Assert.Single(request.Orders));
    }

    [Fact]
    public async Task Two_hundred_concurrent_publishes_reach_a_bulk_subscriber_in_far_fewer_requests_each_exactly_once()
    {
        var batch = $"batch-{Guid.NewGuid()}";
        var orders = Enumerable.Range(0, 200).Select(_ => Expect.NewOrder(batch)).ToList();

        await Task.WhenAll(orders.Select(o => pubsub.Publisher.PublishEventAsync("pubsub", "facts", o, Cancel)));

        var requests = pubsub.Bulk.RequestsCarrying(batch);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"200 concurrent publishes arrived in {requests.Count} bulk requests (largest {requests.Max(r => r.Entries.Count)} entries)");
        Assert.True(requests.Count < 200, $"expected the publishes to be gathered, got {requests.Count} requests");
        Assert.All(requests, r => Assert.InRange(r.Entries.Count, 1, BulkPubSubFixture.MaxMessagesCount));
        Assert.Equal(
            orders.Select(o => o.OrderId).Order(),
            requests.SelectMany(r => r.Orders).Select(o => o.OrderId).Order());
    }

    [Fact]
    public async Task In_one_bulk_request_each_publisher_hears_its_own_entrys_status()
    {
        var batch = $"mixed-{Guid.NewGuid()}";
        // Both delivery slots are taken by held requests, so everything published now waits together.
        var (first, releaseFirst) = await pubsub.Bulk.HoldAsync($"hold-1-{batch}", () => PublishAsync(Expect.NewOrder($"hold-1-{batch}")), Cancel);
        var (second, releaseSecond) = await pubsub.Bulk.HoldAsync($"hold-2-{batch}", () => PublishAsync(Expect.NewOrder($"hold-2-{batch}")), Cancel);
        var fine = Enumerable.Range(0, 20).Select(_ => Expect.NewOrder(batch)).ToList();
        var retry = Expect.NewOrder($"RETRY-{batch}");
        var drop = Expect.NewOrder($"DROP-{batch}");
        var silent = Expect.NewOrder($"SILENT-{batch}");
        var publishes = fine.Select(PublishAsync).ToList();
        var retryPublish = PublishAsync(retry);
        var dropPublish = PublishAsync(drop);
        var silentPublish = PublishAsync(silent);
        await pubsub.QueuedAsync(fine.Count + 3, [.. publishes, retryPublish, dropPublish, silentPublish], Cancel);

        releaseFirst.SetResult();
        releaseSecond.SetResult();

        await Task.WhenAll(publishes.Append(first).Append(second).Append(dropPublish));
        var retryFailure = await Expect.PublishFailureAsync(() => retryPublish, StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE");
        Assert.Contains("RETRY", retryFailure.InnerException!.Message, StringComparison.Ordinal);
        var silentFailure = await Expect.PublishFailureAsync(() => silentPublish, StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE");
        Assert.Contains("response not received", silentFailure.InnerException!.Message, StringComparison.Ordinal);
        var together = Assert.Single(pubsub.Bulk.RequestsCarrying(retry.OrderId.ToString()));
        Assert.Equal(fine.Count + 3, together.Entries.Count);
        Assert.Single(pubsub.Kpi.DeliveriesCarrying(drop.OrderId.ToString()), d => d.Path == "/facts-dead");
        Assert.Empty(pubsub.Kpi.DeliveriesCarrying(retry.OrderId.ToString()));
    }

    [Fact]
    public async Task A_publisher_that_gives_up_while_queued_does_not_spoil_the_others_bulk_request()
    {
        var batch = $"cancel-{Guid.NewGuid()}";
        var (first, releaseFirst) = await pubsub.Bulk.HoldAsync($"hold-1-{batch}", () => PublishAsync(Expect.NewOrder($"hold-1-{batch}")), Cancel);
        var (second, releaseSecond) = await pubsub.Bulk.HoldAsync($"hold-2-{batch}", () => PublishAsync(Expect.NewOrder($"hold-2-{batch}")), Cancel);
        var fine = Enumerable.Range(0, 10).Select(_ => Expect.NewOrder(batch)).ToList();
        using var givingUp = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        using var impatient = pubsub.Emulator.CreateHttpApiClient();
        var publishes = fine.Select(PublishAsync).ToList();
        var abandoned = impatient.PostAsJsonAsync("/v1.0/publish/pubsub/facts", Expect.NewOrder($"gave-up-{batch}"), JsonSerializerOptions.Web, givingUp.Token);
        await pubsub.QueuedAsync(fine.Count + 1, [.. publishes, abandoned], Cancel);

        await givingUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        releaseFirst.SetResult();
        releaseSecond.SetResult();

        await Task.WhenAll(publishes.Append(first).Append(second));
        Assert.Equal(
            fine.Select(o => o.OrderId).Order(),
            pubsub.Bulk.RequestsCarrying(batch).SelectMany(r => r.Orders).Where(o => o.Customer == batch).Select(o => o.OrderId).Order());
    }

    [Fact]
    public async Task Entries_bound_for_different_routes_go_in_different_bulk_requests()
    {
        var batch = $"routes-{Guid.NewGuid()}";
        var paid = Enumerable.Range(0, 5).Select(_ => Expect.NewOrder(batch)).ToList();
        var other = Enumerable.Range(0, 5).Select(_ => Expect.NewOrder(batch)).ToList();

        await Task.WhenAll(
            paid.Select(o => pubsub.Publisher.PublishEventAsync("pubsub", "routed", o, new Dictionary<string, string> { ["cloudevent.type"] = "crm.invoice.paid" }, Cancel))
                .Concat(other.Select(o => pubsub.Publisher.PublishEventAsync("pubsub", "routed", o, Cancel))));

        var requests = pubsub.Bulk.RequestsCarrying(batch);
        Assert.All(requests, r => Assert.Single(r.Orders.Select(o => paid.Contains(o)).Distinct()));
        Assert.Equal(paid.Select(o => o.OrderId).Order(), requests.Where(r => r.Path == "/routed/paid").SelectMany(r => r.Orders).Select(o => o.OrderId).Order());
        Assert.Equal(other.Select(o => o.OrderId).Order(), requests.Where(r => r.Path == "/routed/other").SelectMany(r => r.Orders).Select(o => o.OrderId).Order());
    }

    [Fact]
    public async Task A_bulk_answer_that_is_not_2xx_fails_every_publish_in_it_and_404_drops_them()
    {
        var broken = await Expect.PublishFailureAsync(
            () => pubsub.Publisher.PublishEventAsync("pubsub", "facts-broken", Expect.NewOrder(), Cancel),
            StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE");
        Assert.Contains("answered 503 to a bulk request", broken.InnerException!.Message, StringComparison.Ordinal);

        await pubsub.Publisher.PublishEventAsync("pubsub", "facts-gone", Expect.NewOrder(), Cancel);
    }

    [Fact]
    public async Task A_rawPayload_bulk_subscriber_gets_the_published_bytes_base64_encoded_as_each_entrys_event()
    {
        var marker = $"raw fact {Guid.NewGuid()}";

        await pubsub.Publisher.PublishByteEventAsync("pubsub", "raw-facts", System.Text.Encoding.UTF8.GetBytes(marker), "text/plain",
            new Dictionary<string, string> { ["rawPayload"] = "true" }, Cancel);

        var entry = Assert.Single(
            pubsub.Bulk.RequestsCarrying("raw-facts").Where(r => r.Path == "/raw-facts").SelectMany(r => r.Entries),
            e => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(e["event"]!.GetValue<string>())) == marker);
        Assert.Equal("application/octet-stream", entry["contentType"]!.GetValue<string>());
    }

    private Task PublishAsync(OrderPlaced order) => pubsub.Publisher.PublishEventAsync("pubsub", "facts", order, Cancel);
}
