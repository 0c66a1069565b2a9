using Aspire.Hosting.ApplicationModel;
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
                        logger.LogWarning("{Line}", line.Content);
                    }
                }
            }, CancellationToken.None);
            return Task.CompletedTask;
        });
}
