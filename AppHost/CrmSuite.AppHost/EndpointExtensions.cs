namespace CrmSuite.AppHost;

public static class EndpointExtensions
{
    /// <summary>
    /// Lets DCP pick free ports for every endpoint the project declares in its Kestrel
    /// configuration: the ports written there are for running the project alone.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDynamicPorts(this IResourceBuilder<ProjectResource> builder, params string[] endpointNames)
    {
        foreach (var name in endpointNames)
        {
            builder.WithEndpoint(name, endpoint =>
            {
                endpoint.Port = null;
                endpoint.IsProxied = false;
            });
        }
        return builder;
    }
}
