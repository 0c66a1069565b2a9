using System.Net.Http.Headers;
using Microsoft.AspNetCore.Antiforgery;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace CrmSuite.Gateway.Session;

/// <summary>
/// The staff UI's file uploads and downloads (routes with <c>"SessionAccessToken": "true"</c> in their
/// metadata: <c>POST /files</c>, <c>GET /files/{id}</c>) go from the browser straight through the proxy to
/// the documents service, streamed both ways (a file never passes through the Blazor circuit, nor is it
/// held whole in memory). The browser has only its session cookie; this puts the person's own access
/// token on the forwarded request instead, as <see cref="UserCallCredentials"/> does for the UI's gRPC
/// calls, so the service authorizes the person exactly as for everything else. An upload must carry the
/// page's antiforgery token (a cookie-authenticated POST). A file answered <c>inline</c> (the preview)
/// may be framed by the UI's own pages; everything else keeps the gateway's "never framed".
/// </summary>
public sealed class SessionAccessTokenTransforms : ITransformProvider
{
    public const string MetadataKey = "SessionAccessToken";

    /// <summary>The framing the preview needs: the UI's own pages only; no scripts, no plug-ins other than the browser's PDF viewer.</summary>
    public const string PreviewContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        if (context.Route.Metadata?.TryGetValue(MetadataKey, out var value) != true || value != "true")
        {
            return;
        }
        context.AddRequestTransform(AttachAccessTokenAsync);
        context.AddResponseTransform(AllowPreviewFraming);
    }

    private static async ValueTask AttachAccessTokenAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                // A status other than 200 ends the request here: nothing is forwarded.
                await Results.Problem(title: "The page is out of date.", detail: "Reload the page and upload the file again.",
                    statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
                return;
            }
        }
        var token = await http.RequestServices.GetRequiredService<UserAccessTokens>().GetAsync(http.User, http.RequestAborted);
        if (token is null)
        {
            await Results.Problem(title: "Sign-in is required.", detail: "Your session has ended; sign in again.",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);
            return;
        }
        // The session cookie stays at the gateway: the service needs only the token.
        context.ProxyRequest.Headers.Remove("Cookie");
        context.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The service's messages (a refused file) in the language the person sees the UI in.
        if (System.Globalization.CultureInfo.CurrentUICulture.Name is { Length: > 0 } language)
        {
            context.ProxyRequest.Headers.AcceptLanguage.Clear();
            context.ProxyRequest.Headers.TryAddWithoutValidation("Accept-Language", language);
        }
    }

    private static ValueTask AllowPreviewFraming(ResponseTransformContext context)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode == StatusCodes.Status200OK
            && response.Headers.ContentDisposition.ToString().StartsWith("inline", StringComparison.OrdinalIgnoreCase))
        {
            // SecurityHeaders keeps framing headers an answer already has.
            response.Headers.XFrameOptions = "SAMEORIGIN";
            response.Headers.ContentSecurityPolicy = PreviewContentSecurityPolicy;
        }
        return ValueTask.CompletedTask;
    }
}
