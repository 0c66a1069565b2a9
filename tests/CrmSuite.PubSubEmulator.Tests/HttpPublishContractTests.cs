using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Tests.Infrastructure;

namespace CrmSuite.PubSubEmulator.Tests;

/// <summary><c>POST /v1.0/publish/{pubsubname}/{topic}</c>, the sidecar's HTTP publish API.</summary>
public sealed class HttpPublishContractTests(PubSubFixture pubsub)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishing_over_HTTP_answers_204_and_delivers_the_same_envelope_as_gRPC()
    {
        var order = Expect.NewOrder();

        var response = await pubsub.HttpApi.PostAsJsonAsync("/v1.0/publish/pubsub/orders", order, JsonSerializerOptions.Web, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var delivery = Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
        Assert.Equal("com.dapr.event.sent", delivery.Envelope["type"]!.GetValue<string>());
        Assert.Equal("orders", delivery.Envelope["topic"]!.GetValue<string>());
        Assert.StartsWith("application/json", delivery.Envelope["datacontenttype"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(delivery.EventId, out _));
        Assert.Equal(order, JsonSerializer.Deserialize<OrderPlaced>(delivery.Data, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task Over_HTTP_a_subscriber_answering_RETRY_makes_the_publish_answer_500_with_a_Dapr_error_body()
    {
        var order = Expect.NewOrder();

        var response = await pubsub.HttpApi.PostAsJsonAsync("/v1.0/publish/pubsub/orders-retry", order, JsonSerializerOptions.Web, Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("ERR_PUBSUB_PUBLISH_MESSAGE", error.RootElement.GetProperty("errorCode").GetString());
        Assert.Contains("RETRY", error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_HTTP_a_subscriber_answering_DROP_answers_204_and_the_event_goes_to_the_dead_letter_topic()
    {
        var order = Expect.NewOrder();

        var response = await pubsub.HttpApi.PostAsJsonAsync("/v1.0/publish/pubsub/orders-poison", order, JsonSerializerOptions.Web, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["/orders-poison", "/orders-dead"], pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()).Select(d => d.Path));
    }

    [Fact]
    public async Task Over_HTTP_an_unknown_pubsub_answers_404_ERR_PUBSUB_NOT_FOUND_and_delivers_nothing()
    {
        var order = Expect.NewOrder();

        var response = await pubsub.HttpApi.PostAsJsonAsync("/v1.0/publish/kafka/orders", order, JsonSerializerOptions.Web, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("ERR_PUBSUB_NOT_FOUND", error.RootElement.GetProperty("errorCode").GetString());
        Assert.Equal("pubsub kafka not found", error.RootElement.GetProperty("message").GetString());
        Assert.Empty(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
    }

    [Fact]
    public async Task Over_HTTP_the_request_content_type_becomes_the_datacontenttype()
    {
        var marker = $"plain note {Guid.NewGuid()}";

        var response = await pubsub.HttpApi.PostAsync("/v1.0/publish/pubsub/notes", new StringContent(marker, Encoding.UTF8, "text/plain"), Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var delivery = Assert.Single(pubsub.Billing.DeliveriesCarrying(marker));
        Assert.StartsWith("text/plain", delivery.Envelope["datacontenttype"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(marker, delivery.Envelope["data"]!.GetValue<string>());
        Assert.Equal(marker, delivery.Data);
    }

    [Fact]
    public async Task Over_HTTP_a_CloudEvent_published_as_such_keeps_its_own_id_source_and_type()
    {
        var order = Expect.NewOrder();
        var cloudEvent = new
        {
            specversion = "1.0",
            id = $"invoice-{order.OrderId}",
            source = "documents",
            type = "crm.invoice.issued",
            datacontenttype = "application/json",
            data = order,
        };
        var content = JsonContent.Create(cloudEvent, new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json"), JsonSerializerOptions.Web);

        var response = await pubsub.HttpApi.PostAsync("/v1.0/publish/pubsub/orders", content, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var delivery = Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
        Assert.Equal($"invoice-{order.OrderId}", delivery.EventId);
        Assert.Equal("documents", delivery.Envelope["source"]!.GetValue<string>());
        Assert.Equal("crm.invoice.issued", delivery.Envelope["type"]!.GetValue<string>());
        Assert.Equal("orders", delivery.Envelope["topic"]!.GetValue<string>());
        Assert.Equal(order, JsonSerializer.Deserialize<OrderPlaced>(delivery.Data, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task Over_HTTP_metadata_query_parameters_override_the_envelope_attributes()
    {
        var order = Expect.NewOrder();
        var id = Guid.NewGuid().ToString();

        var response = await pubsub.HttpApi.PostAsJsonAsync(
            $"/v1.0/publish/pubsub/orders?metadata.cloudevent.id={id}&metadata.cloudevent.type=crm.order.placed", order, JsonSerializerOptions.Web, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var delivery = Assert.Single(pubsub.Billing.DeliveriesCarrying(order.OrderId.ToString()));
        Assert.Equal(id, delivery.EventId);
        Assert.Equal("crm.order.placed", delivery.Envelope["type"]!.GetValue<string>());
    }
}
