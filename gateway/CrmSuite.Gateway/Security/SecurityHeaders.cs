namespace CrmSuite.Gateway.Security;

public static class SecurityHeaders
{
    /// <summary>
    /// Headers every answer of the public address carries, proxied ones included: no MIME
    /// sniffing, no framing (click-jacking), no referrer leaks, no powerful browser features.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });
}
