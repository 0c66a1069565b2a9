using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSuite.AppHost;

public static class AnnounceExtensions
{
    /// <summary>Prints the public addresses (web and REST; gRPC) once the resource is ready, so a new user knows where to go.</summary>
    public static IResourceBuilder<ProjectResource> AnnounceUrl(this IResourceBuilder<ProjectResource> builder) =>
        builder.OnResourceReady((resource, ready, _) =>
        {
            var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite");
            logger.LogInformation("CrmSuite gateway is ready at {Url} (gRPC: {GrpcUrl})",
                resource.GetEndpoint("http").Url, resource.GetEndpoint("grpc").Url);
            return Task.CompletedTask;
        });

    /// <summary>
    /// The first administrator's generated one-time password is logged once by the migration step;
    /// repeat that line on the AppHost's console, where the person who started the suite looks.
    /// </summary>
    public static IResourceBuilder<ProjectResource> EchoFirstAdministrator(this IResourceBuilder<ProjectResource> builder) =>
        builder.OnBeforeResourceStarted((resource, started, cancellationToken) =>
        {
            var logs = started.Services.GetRequiredService<ResourceLoggerService>();
            var logger = started.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite");
            _ = Task.Run(async () =>
            {
                await foreach (var batch in logs.WatchAsync(resource).WithCancellation(cancellationToken))
                {
                    foreach (var line in batch.Where(l => l.Content.Contains("First administrator", StringComparison.Ordinal)))
                    {
                        // A notice, not a warning: nothing is wrong, the person starting the suite needs it.
                        logger.LogInformation("{Line}", line.Content);
                    }
                }
            }, CancellationToken.None);
            return Task.CompletedTask;
        });
}
