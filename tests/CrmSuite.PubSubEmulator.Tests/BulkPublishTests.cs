using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSuite.PubSubEmulator.Tests.Infrastructure;
using Dapr.Client;

namespace CrmSuite.PubSubEmulator.Tests;

/// <summary><c>POST /v1.0-alpha1/publish/bulk/{pubsubname}/{topic}</c>, and DaprClient's BulkPublishEventAsync over gRPC.</summary>
public sealed class BulkPublishTests(BulkPubSubFixture pubsub) : IClassFixture<BulkPubSubFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bulk_publish_of_100_CloudEvents_reaches_the_bulk_subscriber_with_their_own_ids_each_once()
    {
        var batch = $"bulk-{Guid.NewGuid()}";
        var ids = Enumerable.Range(0, 100).Select(i => $"fact-{batch}-{i}").ToList();
        var entries = ids.Select(id => CloudEventEntry(id, id, Expect.NewOrder(batch))).ToList();

        var response = await pubsub.HttpApi.PostAsJsonAsync("/v1.0-alpha1/publish/bulk/pubsub/facts", entries, JsonSerializerOptions.Web, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var requests = pubsub.Bulk.RequestsCarrying(batch);
        TestContext.Current.TestOutputHelper?.WriteLine($"a bulk publish of 100 entries arrived in {requests.Count} bulk requests");
        Assert.Equal(ids.Order(), requests.SelectMany(r => r.Entries).Select(e => e["event"]!["id"]!.GetValue<string>()).Order());
        Assert.All(requests.SelectMany(r => r.Entries), e => Assert.Equal("crm.fact.recorded", e["event"]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_bulk_publish_wraps_JSON_entries_and_honours_each_entrys_cloudevent_metadata()
    {
        var order = Expect.NewOrder();
        var id = $"wrapped-{Guid.NewGuid()}";
        JsonArray entries =
        [
            new JsonObject
            {
                ["entryId"] = "1",
                ["event"] = JsonSerializer.SerializeToNode(order, JsonSerializerOptions.Web),
                ["contentType"] = "application/json",
                ["metadata"] = new JsonObject { ["cloudevent.id"] = id },
            },
        ];

        var response = await PostAsync("/v1.0-alpha1/publish/bulk/pubsub/facts?metadata.cloudevent.type=crm.order.placed", entries.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cloudEvent = Assert.Single(Assert.Single(pubsub.Bulk.RequestsCarrying(order.OrderId.ToString())).Entries)["event"]!;
        Assert.Equal(id, cloudEvent["id"]!.GetValue<string>());
        Assert.Equal("crm.order.placed", cloudEvent["type"]!.GetValue<string>());
        Assert.Equal("application/json", cloudEvent["datacontenttype"]!.GetValue<string>());
        Assert.Equal(order, cloudEvent["data"].Deserialize<OrderPlaced>(JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task A_partly_failing_bulk_publish_answers_500_naming_exactly_the_entries_not_taken()
    {
        var batch = $"partly-{Guid.NewGuid()}";
        var entries = Enumerable.Range(0, 10)
            .Select(i => CloudEventEntry($"e{i}", $"{batch}-{i}", Expect.NewOrder(i is 3 or 7 ? $"RETRY-{batch}" : batch)))
            .ToList();

        var response = await pubsub.HttpApi.PostAsJsonAsync("/v1.0-alpha1/publish/bulk/pubsub/facts", entries, JsonSerializerOptions.Web, Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("ERR_PUBSUB_PUBLISH_MESSAGE", body.RootElement.GetProperty("errorCode").GetString());
        var failed = body.RootElement.GetProperty("failedEntries").EnumerateArray().ToList();
        Assert.Equal(["e3", "e7"], failed.Select(f => f.GetProperty("entryId").GetString()).Order());
        Assert.All(failed, f => Assert.Contains("RETRY", f.GetProperty("error").GetString(), StringComparison.Ordinal));
        Assert.Equal(10, pubsub.Bulk.RequestsCarrying(batch).SelectMany(r => r.Entries).Count());
    }

    [Theory]
    [InlineData("{\"entryId\":\"1\",\"event\":{},\"contentType\":\"application/json\"}", "DAPR_PUBSUB_UNMARSHAL_EVENTS")]
    [InlineData("not json", "DAPR_PUBSUB_UNMARSHAL_EVENTS")]
    [InlineData("[{\"entryId\":{},\"event\":{},\"contentType\":\"application/json\"}]", "DAPR_PUBSUB_UNMARSHAL_EVENTS")]
    [InlineData("[{\"event\":{\"marker\":\"MARK\"},\"contentType\":\"application/json\"}]", "DAPR_PUBSUB_MARSHAL_EVENTS")]
    [InlineData("[{\"entryId\":\"1\",\"event\":{\"marker\":\"MARK\"},\"contentType\":\"application/json\"},{\"entryId\":\"1\",\"event\":{},\"contentType\":\"application/json\"}]", "DAPR_PUBSUB_MARSHAL_EVENTS")]
    [InlineData("[{\"entryId\":\"1\",\"event\":{\"marker\":\"MARK\"},\"contentType\":\"text/plain\"}]", "DAPR_PUBSUB_MARSHAL_ENVELOPE")]
    [InlineData("[{\"entryId\":\"1\",\"event\":\"MARK\",\"contentType\":\"application/octet-stream\"}]", "DAPR_PUBSUB_MARSHAL_ENVELOPE")]
    public async Task A_bad_bulk_publish_body_answers_400_with_Daprs_error_and_delivers_nothing(string body, string reason)
    {
        var marker = $"bad-{Guid.NewGuid()}";

        var response = await PostAsync("/v1.0-alpha1/publish/bulk/pubsub/facts", body.Replace("MARK", marker, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("ERR_PUBSUB_EVENTS_SER", error.RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(reason, error.RootElement.GetProperty("details")[0].GetProperty("reason").GetString());
        Assert.Empty(pubsub.Bulk.RequestsCarrying(marker));
    }

    [Fact]
    public async Task A_bulk_publish_to_an_unknown_pubsub_answers_404_ERR_PUBSUB_NOT_FOUND()
    {
        var response = await PostAsync("/v1.0-alpha1/publish/bulk/kafka/facts", "[]");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("ERR_PUBSUB_NOT_FOUND", error.RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task DaprClient_bulk_publishes_over_gRPC_and_every_event_reaches_the_bulk_subscriber()
    {
        var batch = $"grpc-{Guid.NewGuid()}";
        var orders = Enumerable.Range(0, 30).Select(_ => Expect.NewOrder(batch)).ToList();

        var result = await pubsub.Publisher.BulkPublishEventAsync("pubsub", "facts", orders, cancellationToken: Cancel);

        Assert.Empty(result.FailedEntries);
        Assert.Equal(
            orders.Select(o => o.OrderId).Order(),
            pubsub.Bulk.RequestsCarrying(batch).SelectMany(r => r.Orders).Select(o => o.OrderId).Order());
    }

    private static JsonObject CloudEventEntry(string entryId, string eventId, OrderPlaced order) => new()
    {
        ["entryId"] = entryId,
        ["event"] = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = eventId,
            ["source"] = "kpi-bench",
            ["type"] = "crm.fact.recorded",
            ["datacontenttype"] = "application/json",
            ["data"] = JsonSerializer.SerializeToNode(order, JsonSerializerOptions.Web),
        },
        ["contentType"] = "application/cloudevents+json",
    };

    private Task<HttpResponseMessage> PostAsync(string uri, string body) =>
        pubsub.HttpApi.PostAsync(uri, new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
}
