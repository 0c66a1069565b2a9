using Grpc.Core;

namespace CrmSuite.PubSubEmulator.Errors;

/// <summary>
/// An error as the sidecar reports it: the legacy <c>errorCode</c> of the HTTP body, the HTTP status,
/// the gRPC status code and the google.rpc.ErrorInfo reason, with the pairings of Dapr's
/// pkg/api/errors/pubsub.go so clients that branch on them behave the same against the emulator.
/// </summary>
public sealed record DaprError(
    string ErrorCode,
    string Message,
    int HttpStatus,
    StatusCode GrpcStatus,
    string Reason,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The ErrorInfo domain Dapr uses.</summary>
    public const string Domain = "dapr.io";

    public static DaprError PubSubNameEmpty() => new(
        "ERR_PUBSUB_EMPTY", "pubsub name is empty",
        StatusCodes.Status404NotFound, StatusCode.InvalidArgument, "DAPR_PUBSUB_NAME_EMPTY", Empty);

    public static DaprError PubSubNotFound(string pubsubName) => new(
        "ERR_PUBSUB_NOT_FOUND", $"pubsub {pubsubName} not found",
        StatusCodes.Status404NotFound, StatusCode.InvalidArgument, "DAPR_PUBSUB_NOT_FOUND", Empty);

    public static DaprError TopicEmpty(string pubsubName) => new(
        "ERR_TOPIC_EMPTY", $"topic is empty in pubsub {pubsubName}",
        StatusCodes.Status404NotFound, StatusCode.InvalidArgument, "DAPR_PUBSUB_TOPICNAME_EMPTY", Empty);

    public static DaprError CloudEventCreation() => new(
        "ERR_PUBSUB_CLOUD_EVENTS_SER", "cannot create cloudevent",
        StatusCodes.Status500InternalServerError, StatusCode.InvalidArgument, "DAPR_PUBSUB_CLOUD_EVENT_CREATION", Empty);

    public static DaprError PublishMessage(string pubsubName, string topic, string error) => new(
        "ERR_PUBSUB_PUBLISH_MESSAGE", $"error when publishing to topic {topic} in pubsub {pubsubName}: {error}",
        StatusCodes.Status500InternalServerError, StatusCode.Internal, "DAPR_PUBSUB_PUBLISH_MESSAGE",
        new Dictionary<string, string> { ["topic"] = topic, ["error"] = error });

    /// <summary>The bulk publish body is not a JSON array of entries (Dapr's UnmarshalEvents).</summary>
    public static DaprError UnmarshalEvents(string pubsubName, string topic, string error) => new(
        "ERR_PUBSUB_EVENTS_SER", $"error when unmarshaling the request for topic {topic} pubsub {pubsubName}: {error}",
        StatusCodes.Status400BadRequest, StatusCode.InvalidArgument, "DAPR_PUBSUB_UNMARSHAL_EVENTS",
        new Dictionary<string, string> { ["appID"] = AppIdPlaceholder });

    /// <summary>A bulk entry without entryId, or with one an earlier entry already used (Dapr's MarshalEvents).</summary>
    public static DaprError MarshalEvents(string pubsubName, string topic, string error) => new(
        "ERR_PUBSUB_EVENTS_SER", $"error marshaling events to bytes for topic {topic} pubsub {pubsubName}. error: {error}",
        StatusCodes.Status400BadRequest, StatusCode.InvalidArgument, "DAPR_PUBSUB_MARSHAL_EVENTS",
        new Dictionary<string, string> { ["appID"] = AppIdPlaceholder, ["error"] = error });

    /// <summary>A bulk entry whose event does not fit its contentType (Dapr's MarshalEnvelope).</summary>
    public static DaprError MarshalEnvelope(string pubsubName, string topic, string error) => new(
        "ERR_PUBSUB_EVENTS_SER", $"error when marshalling cloud event envelope for topic {topic} pubsub {pubsubName}: {error}",
        StatusCodes.Status400BadRequest, StatusCode.InvalidArgument, "DAPR_PUBSUB_MARSHAL_ENVELOPE",
        new Dictionary<string, string> { ["appID"] = AppIdPlaceholder, ["error"] = error });

    /// <summary>The sidecar names its app in these errors; a shared emulator has none.</summary>
    private const string AppIdPlaceholder = "pubsub-emulator";

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}

/// <summary>Raised by the emulator's core; the HTTP and gRPC front ends translate it.</summary>
public sealed class DaprErrorException(DaprError error) : Exception(error.Message)
{
    public DaprError Error { get; } = error;
}
