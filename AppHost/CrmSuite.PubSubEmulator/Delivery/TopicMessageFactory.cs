using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSuite.PubSubEmulator.Configuration;
using CrmSuite.PubSubEmulator.Errors;
using CrmSuite.PubSubEmulator.Subscriptions;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>
/// Checks where a publish goes and turns what was published into the message on the topic, as the
/// sidecar does for a single publish and for each entry of a bulk publish.
/// </summary>
public sealed class TopicMessageFactory(
    IOptionsMonitor<PubSubEmulatorOptions> options,
    TimeProvider clock,
    ILogger<TopicMessageFactory> logger)
{
    /// <exception cref="DaprErrorException">No component of that name, or no topic.</exception>
    public void ValidateTarget(string? pubsubName, string? topic)
    {
        if (string.IsNullOrEmpty(pubsubName))
        {
            throw new DaprErrorException(DaprError.PubSubNameEmpty());
        }
        if (!options.CurrentValue.Components.Contains(pubsubName, StringComparer.Ordinal))
        {
            throw new DaprErrorException(DaprError.PubSubNotFound(pubsubName));
        }
        if (string.IsNullOrEmpty(topic))
        {
            throw new DaprErrorException(DaprError.TopicEmpty(pubsubName));
        }
    }

    /// <summary>
    /// The message for <paramref name="request"/>: its bytes as they are when <paramref name="rawPayload"/>,
    /// else the CloudEvent the sidecar wraps them in.
    /// </summary>
    /// <exception cref="DaprErrorException">The data cannot be made into a CloudEvent.</exception>
    internal TopicMessage Create(PublishRequest request, bool rawPayload)
    {
        if (rawPayload)
        {
            // Published without an envelope: the bytes go on the topic as they are.
            return new TopicMessage(request.Data.ToArray(), EventId: null);
        }
        JsonObject envelope;
        try
        {
            envelope = CloudEventEnvelope.Create(request, options.CurrentValue.DefaultSource, clock.GetUtcNow());
        }
        catch (JsonException exception)
        {
            logger.LogWarning("Refused a CloudEvent published to {PubsubName}/{Topic}: {Reason}", request.PubsubName, request.Topic, exception.Message);
            throw new DaprErrorException(DaprError.CloudEventCreation());
        }
        return new TopicMessage(JsonSerializer.SerializeToUtf8Bytes(envelope), envelope["id"]?.ToString());
    }

    /// <summary>Dapr's <c>rawPayload</c> metadata: publish the bytes without a CloudEvent around them.</summary>
    internal static bool IsRawPayload(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("rawPayload", out var raw) && Truthy.IsTruthy(raw);
}
