using System.Text.Json;
using CrmSuite.PubSubEmulator.Configuration;
using CrmSuite.PubSubEmulator.Delivery;
using CrmSuite.PubSubEmulator.Errors;
using CrmSuite.PubSubEmulator.Subscriptions;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Http;

/// <summary>The sidecar's HTTP API as far as pub/sub needs it (docs.dapr.io, Pub/sub API and Health API).</summary>
internal static class SidecarHttpApi
{
    private const string MetadataQueryPrefix = "metadata.";

    public static IEndpointRouteBuilder MapSidecarHttpApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/v1.0");

        // Dapr accepts POST and PUT; the topic may contain slashes.
        api.MapMethods("/publish/{pubsubname}/{**topic}", [HttpMethods.Post, HttpMethods.Put], PublishAsync);

        // Bulk publish: daprd serves it under v1.0-alpha1 and v1.0 alike.
        endpoints.MapMethods("/v1.0-alpha1/publish/bulk/{pubsubname}/{**topic}", [HttpMethods.Post, HttpMethods.Put], BulkPublishHttpApi.PublishAsync);
        api.MapMethods("/publish/bulk/{pubsubname}/{**topic}", [HttpMethods.Post, HttpMethods.Put], BulkPublishHttpApi.PublishAsync);

        // The sidecar is healthy once it runs; outbound health is what WaitForSidecarAsync polls.
        api.MapGet("/healthz", () => Results.NoContent());
        api.MapGet("/healthz/outbound", () => Results.NoContent());

        api.MapGet("/metadata", MetadataAsync);
        return endpoints;
    }

    private static async Task<IResult> PublishAsync(
        string pubsubname, string? topic, HttpContext httpContext, EventFanOut fanOut, CancellationToken cancellationToken)
    {
        var metadata = MetadataFromQuery(httpContext);

        using var body = new MemoryStream();
        await httpContext.Request.Body.CopyToAsync(body, cancellationToken);

        var request = new PublishRequest(
            pubsubname,
            topic ?? "",
            body.ToArray(),
            httpContext.Request.ContentType,
            metadata,
            TraceContextReader.From(httpContext));
        try
        {
            await fanOut.PublishAsync(request, cancellationToken);
            return Results.NoContent();
        }
        catch (DaprErrorException exception)
        {
            return Error(exception.Error);
        }
    }

    /// <summary>The <c>metadata.&lt;key&gt;=value</c> query parameters of a publish.</summary>
    internal static Dictionary<string, string> MetadataFromQuery(HttpContext httpContext) =>
        httpContext.Request.Query
            .Where(q => q.Key.StartsWith(MetadataQueryPrefix, StringComparison.OrdinalIgnoreCase) && q.Key.Length > MetadataQueryPrefix.Length)
            .ToDictionary(q => q.Key[MetadataQueryPrefix.Length..], q => q.Value.ToString(), StringComparer.Ordinal);

    private static async Task<IResult> MetadataAsync(
        SubscriptionDirectory directory, IOptionsMonitor<PubSubEmulatorOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        object subscriptions;
        string? discoveryError = null;
        try
        {
            subscriptions = (await directory.AllAsync(cancellationToken)).Select(s => new
            {
                appId = s.AppId,
                pubsubname = s.PubsubName,
                topic = s.Topic,
                // Like daprd, the default route is listed as the last rule, with an empty match.
                rules = s.Rules.Select(r => new { match = r.Match, path = r.Path })
                    .Concat(s.DefaultRoute is null ? [] : [new { match = "", path = s.DefaultRoute }])
                    .ToList(),
                deadLetterTopic = s.DeadLetterTopic,
                metadata = s.Metadata,
                type = "PROGRAMMATIC",
            }).ToList();
        }
        catch (SubscriptionDiscoveryException exception)
        {
            subscriptions = Array.Empty<object>();
            discoveryError = exception.Message;
        }
        var extended = new Dictionary<string, string> { ["crmsuite.emulator"] = "true" };
        if (discoveryError is not null)
        {
            extended["crmsuite.emulator.discovery"] = discoveryError;
        }
        return Results.Json(new
        {
            id = settings.AppId,
            runtimeVersion = "emulator",
            components = settings.Components.Select(name => new { name, type = "pubsub.crmsuite-emulator", version = "v1" }).ToList(),
            subscriptions,
            extended,
        });
    }

    /// <summary>Dapr's HTTP error body: the legacy errorCode and message, plus ErrorInfo details.</summary>
    internal static IResult Error(DaprError error) => Results.Json(
        new
        {
            errorCode = error.ErrorCode,
            message = error.Message,
            details = new object[]
            {
                new Dictionary<string, object>
                {
                    ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                    ["reason"] = error.Reason,
                    ["domain"] = DaprError.Domain,
                    ["metadata"] = error.Metadata,
                },
            },
        },
        JsonSerializerOptions.Web,
        statusCode: error.HttpStatus);
}
