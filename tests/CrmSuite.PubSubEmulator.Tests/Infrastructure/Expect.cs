using Dapr;
using Google.Rpc;
using Grpc.Core;

namespace CrmSuite.PubSubEmulator.Tests.Infrastructure;

internal static class Expect
{
    public static OrderPlaced NewOrder(string customer = "Northwind") => new(Guid.NewGuid(), customer, 125.50m);

    /// <summary>
    /// The publish failed the way DaprClient reports a sidecar error: a DaprException around the gRPC
    /// status, whose google.rpc details carry Dapr's ErrorInfo reason.
    /// </summary>
    /// <remarks>
    /// Read with Grpc.StatusProto rather than DaprException.TryGetExtendedErrorInfo: Dapr.Common 1.19
    /// matches the type URL "type.googleapis.com/Google.rpc.ErrorInfo" (capital G), while daprd, like
    /// every protobuf runtime, sends "google.rpc.ErrorInfo", so the SDK helper reports it as unknown.
    /// </remarks>
    public static async Task<DaprException> PublishFailureAsync(Func<Task> publish, StatusCode status, string reason)
    {
        var exception = await Assert.ThrowsAsync<DaprException>(publish);
        var rpc = Assert.IsType<RpcException>(exception.InnerException);
        Assert.Equal(status, rpc.StatusCode);
        var details = rpc.GetRpcStatus();
        Assert.NotNull(details);
        var errorInfo = details.GetDetail<ErrorInfo>();
        Assert.NotNull(errorInfo);
        Assert.Equal(reason, errorInfo.Reason);
        Assert.Equal("dapr.io", errorInfo.Domain);
        return exception;
    }
}
