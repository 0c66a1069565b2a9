namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>A publish as either front end received it (gRPC PublishEvent or HTTP /v1.0/publish).</summary>
public sealed record PublishRequest(
    string PubsubName,
    string Topic,
    ReadOnlyMemory<byte> Data,
    string? DataContentType,
    IReadOnlyDictionary<string, string> Metadata,
    TraceContext Trace);

/// <summary>The W3C trace context of the publish call, copied into the envelope as the sidecar does.</summary>
public sealed record TraceContext(string? TraceParent, string? TraceState)
{
    public static readonly TraceContext None = new(null, null);
}
