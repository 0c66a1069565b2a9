using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.BuildingBlocks.Grpc;

public static class GrpcServiceExtensions
{
    /// <summary>gRPC with the shared error mapping, and REST for the same calls through JSON transcoding.</summary>
    public static IServiceCollection AddCrmGrpc(this IServiceCollection services)
    {
        services.AddGrpc(options => options.Interceptors.Add<ErrorMappingInterceptor>())
            // Transcoding writes the status details to JSON; it must know the detail types we send.
            .AddJsonTranscoding(options => options.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor));
        return services;
    }
}
