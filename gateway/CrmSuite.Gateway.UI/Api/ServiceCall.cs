using CrmSuite.Gateway.UI.Errors;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// The one place where a failed call to a service becomes what the page shows: the answer, or
/// <c>null</c> with the reason put into the page's <see cref="ErrorState"/> (summary and the
/// fields the service named). A call its page gave up on (the token was cancelled: newer input,
/// the page closed) shows nothing.
/// </summary>
public static class ServiceCall
{
    public static Task<TResponse?> RunAsync<TResponse>(AsyncUnaryCall<TResponse> call, ErrorState errors,
        CancellationToken cancellationToken)
        where TResponse : class =>
        RunAsync(call.ResponseAsync, errors, cancellationToken);

    /// <summary>The same for an answer put together from several calls (say, every page of a list).</summary>
    public static async Task<TResponse?> RunAsync<TResponse>(Task<TResponse> call, ErrorState errors,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        try
        {
            return await call;
        }
        catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
        {
            errors.Show(exception);
            return null;
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
