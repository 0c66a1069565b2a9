using CrmSuite.Gateway.Session;

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
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers.Remove("Server");
                // A file preview may be framed by the UI's own pages (SessionAccessTokenTransforms sets its own, stricter policy).
                if (headers.ContentSecurityPolicy == SessionAccessTokenTransforms.PreviewContentSecurityPolicy)
                {
                    return Task.CompletedTask;
                }
                headers.XFrameOptions = "DENY";
                // Radzen styles components inline; identity's QR code is a data: image; Blazor's circuit is a same-origin websocket;
                // a template's PDF preview is framed from a blob: address the page made (files are framed from 'self').
                // A browser enforces form-action on the redirects after a form too: signing in for a desktop tool ends in a
                // redirect to the tool's loopback address (crmsuite-cli, RFC 8252), so loopback on any port is allowed there.
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "font-src 'self' data:; connect-src 'self'; form-action 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'; "
                    + "frame-src 'self' blob:; object-src 'none'; base-uri 'self'";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
