using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Model;

namespace CrmSuite.Gateway.Security;

public static class RequestSizeLimit
{
    /// <summary>
    /// Refuses a body declared larger than Kestrel's MaxRequestBodySize with 413 before anything is
    /// forwarded. (Kestrel would only fail mid-stream, which the proxy reports as a vague 400.) A
    /// proxy route with its own MaxRequestBodySize (the documents upload) has that limit instead.
    /// </summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.MaxRequestBodySize is { } routeLimit && feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = routeLimit < 0 ? null : routeLimit;
            }
            var limit = feature?.MaxRequestBodySize;
            if (limit is { } max && context.Request.ContentLength > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(
                    title: "The request is too large.",
                    detail: $"The request body is {context.Request.ContentLength} bytes; at most {max} bytes are accepted.",
                    statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
}
