namespace CrmSuite.AppHost;

public static class DaprExtensions
{
    /// <summary>
    /// Points the service's DaprClient at the pub/sub emulator (in Kubernetes: the real daprd sidecar
    /// on localhost). The service's code is the same in both cases.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDaprSidecar(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> pubsub) =>
        builder
            .WithEnvironment("DAPR_GRPC_ENDPOINT", pubsub.GetEndpoint("grpc"))
            .WithEnvironment("DAPR_HTTP_ENDPOINT", pubsub.GetEndpoint("http"));
}
