using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSuite.AppHost;

public static class AnnounceExtensions
{
    /// <summary>Prints the public address once the resource is ready, so a new user knows where to go.</summary>
    public static IResourceBuilder<ProjectResource> AnnounceUrl(this IResourceBuilder<ProjectResource> builder) =>
        builder.OnResourceReady((resource, ready, _) =>
        {
            var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite");
            var http = resource.GetEndpoint("http");
            logger.LogInformation("CrmSuite gateway is ready at {Url}", http.Url);
            return Task.CompletedTask;
        });
}
