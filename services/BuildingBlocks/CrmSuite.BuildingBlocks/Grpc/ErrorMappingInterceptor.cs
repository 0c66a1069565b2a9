using CrmSuite.BuildingBlocks.Errors;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.BuildingBlocks.Grpc;

/// <summary>
/// Turns the domain's exceptions into gRPC statuses with the rich error model
/// (google.rpc.BadRequest field violations in grpc-status-details-bin), and leaves the same
/// field errors on the HttpContext so the REST surface can answer with problem+json.
/// </summary>
public sealed class ErrorMappingInterceptor : Interceptor
{
    internal const string FieldErrorsItem = "crmsuite.field-errors";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (ValidationFailedException ex)
        {
            throw Invalid(context, Code.InvalidArgument, "One or more fields are invalid.", ex.Errors);
        }
        catch (StateConflictException ex)
        {
            throw Invalid(context, Code.FailedPrecondition, ex.Message, [new FieldError(ex.Field, ex.Message)]);
        }
        catch (RecordNotFoundException ex)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, ex.Message));
        }
        catch (ConcurrencyConflictException ex)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Aborted, ex.Message));
        }
        catch (DbUpdateConcurrencyException)
        {
            // A save that lost a race without naming its record (see Concurrency) is still the
            // caller's conflict to retry, not a server error.
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Aborted, ConcurrencyConflictException.Unnamed));
        }
    }

    /// <summary>A stream checks its request before its first message: bad input is the same 400 as a unary call's.</summary>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (ValidationFailedException ex)
        {
            throw Invalid(context, Code.InvalidArgument, "One or more fields are invalid.", ex.Errors);
        }
    }

    private static RpcException Invalid(ServerCallContext context, Code code, string message, IReadOnlyList<FieldError> errors)
    {
        context.GetHttpContext().Items[FieldErrorsItem] = errors;
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(errors.Select(e => new BadRequest.Types.FieldViolation { Field = e.Field, Description = e.Message }));
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }
}
