using System.Text;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Delivery;

namespace CrmSuite.PubSubEmulator.Tests;

/// <summary>The envelope rules of Dapr's components-contrib pubsub/envelope.go, no I/O.</summary>
public sealed class CloudEventEnvelopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private static PublishRequest Request(string data, string? contentType, Dictionary<string, string>? metadata = null) =>
        new("pubsub", "orders", Encoding.UTF8.GetBytes(data), contentType, metadata ?? [], TraceContext.None);

    [Fact]
    public void JSON_data_is_embedded_as_JSON_with_Dapr_attributes_around_it()
    {
        var envelope = CloudEventEnvelope.Create(Request("""{"orderId":7,"big":12345678901234567890}""", "application/json"), "crmsuite", Now);

        Assert.Equal("""{"orderId":7,"big":12345678901234567890}""", envelope["data"]!.ToJsonString());
        Assert.Equal("application/json", envelope["datacontenttype"]!.GetValue<string>());
        Assert.Equal("com.dapr.event.sent", envelope["type"]!.GetValue<string>());
        Assert.Equal("1.0", envelope["specversion"]!.GetValue<string>());
        Assert.Equal("crmsuite", envelope["source"]!.GetValue<string>());
        Assert.Equal("2026-03-14T09:26:53Z", envelope["time"]!.GetValue<string>());
        Assert.Null(envelope["traceparent"]);
    }

    [Fact]
    public void Data_that_claims_to_be_JSON_but_is_not_travels_as_text()
    {
        var envelope = CloudEventEnvelope.Create(Request("not json", "application/json; charset=utf-8"), "crmsuite", Now);

        Assert.Equal("not json", envelope["data"]!.GetValue<string>());
    }

    [Fact]
    public void Data_without_a_content_type_is_text_plain()
    {
        var envelope = CloudEventEnvelope.Create(Request("hello", null), "crmsuite", Now);

        Assert.Equal("text/plain", envelope["datacontenttype"]!.GetValue<string>());
        Assert.Equal("hello", envelope["data"]!.GetValue<string>());
    }

    [Fact]
    public void Octet_stream_data_travels_as_data_base64()
    {
        var envelope = CloudEventEnvelope.Create(Request("\u0001\u0002", "application/octet-stream"), "crmsuite", Now);

        Assert.Equal(Convert.ToBase64String([1, 2]), envelope["data_base64"]!.GetValue<string>());
        Assert.False(envelope.ContainsKey("data"));
    }

    [Fact]
    public void Metadata_overrides_id_source_type_and_trace_and_ttl_sets_an_expiration()
    {
        var metadata = new Dictionary<string, string>
        {
            ["cloudevent.id"] = "outbox-42",
            ["cloudevent.source"] = "clients",
            ["cloudevent.type"] = "crm.client.merged",
            ["cloudevent.traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["ttlInSeconds"] = "60",
        };

        var envelope = CloudEventEnvelope.Create(Request("{}", "application/json", metadata), "crmsuite", Now);

        Assert.Equal("outbox-42", envelope["id"]!.GetValue<string>());
        Assert.Equal("clients", envelope["source"]!.GetValue<string>());
        Assert.Equal("crm.client.merged", envelope["type"]!.GetValue<string>());
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", envelope["traceparent"]!.GetValue<string>());
        Assert.Equal("2026-03-14T09:27:53Z", envelope["expiration"]!.GetValue<string>());
    }

    [Fact]
    public void A_published_CloudEvent_keeps_its_attributes_and_gets_topic_pubsubname_and_defaults()
    {
        var envelope = CloudEventEnvelope.Create(
            Request("""{"id":"evt-1","source":"documents","data":{"n":1}}""", "application/cloudevents+json"), "crmsuite", Now);

        Assert.Equal("evt-1", envelope["id"]!.GetValue<string>());
        Assert.Equal("documents", envelope["source"]!.GetValue<string>());
        Assert.Equal("com.dapr.event.sent", envelope["type"]!.GetValue<string>());
        Assert.Equal("1.0", envelope["specversion"]!.GetValue<string>());
        Assert.Equal("orders", envelope["topic"]!.GetValue<string>());
        Assert.Equal("pubsub", envelope["pubsubname"]!.GetValue<string>());
    }

    [Fact]
    public void A_published_CloudEvent_that_is_not_a_JSON_object_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => CloudEventEnvelope.Create(Request("[1,2]", "application/cloudevents+json"), "crmsuite", Now));
    }
}
