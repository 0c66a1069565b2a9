using CrmSuite.Gateway.UI.Localization;
using Google.Rpc;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Errors;

/// <summary>How a failed gRPC call reads to the user.</summary>
public static class RpcErrors
{
    public static readonly IReadOnlyDictionary<string, string> NoFieldErrors =
        new Dictionary<string, string>(ProtoFieldNameComparer.Instance);

    /// <summary>
    /// The google.rpc.BadRequest field violations of an INVALID_ARGUMENT answer as
    /// field → message (several violations of one field are joined).
    /// </summary>
    public static IReadOnlyDictionary<string, string> FieldErrors(RpcException exception)
    {
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        if (badRequest is null || badRequest.FieldViolations.Count == 0)
        {
            return NoFieldErrors;
        }

        return badRequest.FieldViolations
            .GroupBy(violation => violation.Field, ProtoFieldNameComparer.Instance)
            .ToDictionary(
                group => group.Key,
                group => string.Join(" ", group.Select(violation => violation.Description)),
                ProtoFieldNameComparer.Instance);
    }

    /// <summary>
    /// A FAILED_PRECONDITION's reason as the service words it (the field violation it names, else
    /// the status detail), or null for any other error or a refusal without words.
    /// </summary>
    public static string? Refusal(RpcException exception)
    {
        if (exception.StatusCode != StatusCode.FailedPrecondition)
        {
            return null;
        }
        var named = FieldErrors(exception).Values.FirstOrDefault(message => message.Length > 0);
        return named ?? (exception.Status.Detail.Length > 0 ? exception.Status.Detail : null);
    }

    public static Text Describe(RpcException exception) => exception.StatusCode switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => Texts.Errors.InvalidInput,
        StatusCode.FailedPrecondition => Texts.Errors.FailedPrecondition,
        StatusCode.AlreadyExists => Texts.Errors.AlreadyExists,
        StatusCode.Aborted => Texts.Errors.ChangedMeanwhile,
        StatusCode.NotFound => Texts.Errors.NotFound,
        StatusCode.PermissionDenied => Texts.Errors.NotAllowed,
        StatusCode.Unauthenticated => Texts.Errors.SessionExpired,
        StatusCode.ResourceExhausted => Texts.Errors.TooManyRequests,
        _ => Texts.Errors.Unavailable,
    };
}
