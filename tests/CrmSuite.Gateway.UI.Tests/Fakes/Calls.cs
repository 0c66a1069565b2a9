using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Grpc.Core.Status;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>Answers of a fake gRPC client, shaped like the real client's.</summary>
internal static class Calls
{
    public static AsyncUnaryCall<T> Ok<T>(T response) => Call(Task.FromResult(response));

    public static AsyncUnaryCall<T> Fail<T>(RpcException exception) => Call(Task.FromException<T>(exception));

    /// <summary>A call answered when the test completes <paramref name="response"/> (a slow service).</summary>
    public static AsyncUnaryCall<T> Later<T>(Task<T> response) => Call(response);

    public static RpcException Error(StatusCode code, string message = "") => new(new Status(code, message));

    /// <summary>INVALID_ARGUMENT with google.rpc.BadRequest field violations, as the services send it.</summary>
    public static RpcException Invalid(params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }

        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "The request has invalid fields.",
            Details = { Any.Pack(badRequest) },
        }.ToRpcException();
    }

    /// <summary>FAILED_PRECONDITION naming the field it is about, as the services refuse a state change.</summary>
    public static RpcException Refused(string field, string message) => new Google.Rpc.Status
    {
        Code = (int)Code.FailedPrecondition,
        Message = message,
        Details = { Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } } }) },
    }.ToRpcException();

    private static AsyncUnaryCall<T> Call<T>(Task<T> response) =>
        new(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => new Metadata(), () => { });
}
