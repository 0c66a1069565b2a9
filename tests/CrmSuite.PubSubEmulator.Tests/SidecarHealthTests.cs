using System.Net;
using System.Text.Json;
using CrmSuite.PubSubEmulator.Tests.Infrastructure;
using Dapr;
using Grpc.Core;

namespace CrmSuite.PubSubEmulator.Tests;

/// <summary>What DaprClient and the AppHost ask the sidecar besides publishing.</summary>
public sealed class SidecarHealthTests(PubSubFixture pubsub)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1.0/healthz")]
    [InlineData("/v1.0/healthz/outbound")]
    public async Task The_sidecar_health_endpoints_answer_204(string path)
    {
        var response = await pubsub.HttpApi.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task DaprClient_sees_a_healthy_sidecar_and_stops_waiting_for_it()
    {
        Assert.True(await pubsub.Publisher.CheckHealthAsync(Cancel));
        Assert.True(await pubsub.Publisher.CheckOutboundHealthAsync(Cancel));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        await pubsub.Publisher.WaitForSidecarAsync(timeout.Token);
    }

    [Fact]
    public async Task The_emulator_answers_the_Aspire_health_probe_on_its_HTTP_endpoint()
    {
        var response = await pubsub.HttpApi.GetAsync("/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Building_blocks_the_emulator_does_not_provide_answer_UNIMPLEMENTED()
    {
        var failure = await Assert.ThrowsAsync<DaprException>(() => pubsub.Publisher.GetStateAsync<string>("statestore", "key", cancellationToken: Cancel));

        Assert.Equal(StatusCode.Unimplemented, Assert.IsType<RpcException>(failure.InnerException).StatusCode);
    }

    [Fact]
    public async Task Sidecar_metadata_names_the_pubsub_component_and_the_discovered_subscriptions()
    {
        var metadata = await pubsub.Publisher.GetMetadataAsync(Cancel);

        Assert.Equal("pubsub-emulator", metadata.Id);
        Assert.Contains(metadata.Components, c => c.Name == "pubsub");

        using var http = JsonDocument.Parse(await pubsub.HttpApi.GetStringAsync("/v1.0/metadata", Cancel));
        Assert.Contains(http.RootElement.GetProperty("subscriptions").EnumerateArray(), s =>
            s.GetProperty("appId").GetString() == "billing" && s.GetProperty("topic").GetString() == "orders-poison"
            && s.GetProperty("deadLetterTopic").GetString() == "orders-dead");
    }
}
