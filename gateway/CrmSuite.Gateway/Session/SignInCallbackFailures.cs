using System.Net;
using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Gateway.UI.Localization;
using Microsoft.AspNetCore.Authentication;

namespace CrmSuite.Gateway.Session;

/// <summary>
/// A sign-in callback (/signin-oidc) that cannot complete — reloaded or bookmarked after use (the
/// code was redeemed already), opened in another browser (no correlation cookie), too late (the
/// cookie expired) or tampered with (state unreadable) — is a person who should simply sign in
/// again, not a server fault. The handler's remote failure sends them to a page that says so.
/// </summary>
public static class SignInCallbackFailures
{
    public const string PagePath = "/account/signin-expired";

    private static readonly Text Title = new("Время входа истекло", "Sign-in expired");
    private static readonly Text Explanation = new(
        "Эта ссылка входа уже использована или устарела (например, страницу обновили или открыли позже). Войдите ещё раз.",
        "This sign-in link has already been used or is out of date (for example, the page was reloaded or opened later). Please sign in again.");
    private static readonly Text SignInAgain = new("Войти снова", "Sign in again");

    /// <summary>OpenIdConnectEvents.OnRemoteFailure: correlation, nonce, state and code-redemption failures alike.</summary>
    public static Task RedirectToFriendlyPage(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInCallbackFailures));
        // A warning: it is the person's browser (or someone probing), not the gateway, that went wrong.
        logger.LogWarning("Sign-in callback refused ({Reason}); the person is asked to sign in again", context.Failure?.Message);
        var returnUrl = CrmWeb.LocalOnly(context.Properties?.RedirectUri);
        context.Response.Redirect($"{PagePath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public static void MapSignInExpiredPage(this WebApplication app) =>
        app.MapGet(PagePath, (string? returnUrl) =>
        {
            var ui = new UiText();
            var signIn = "/account/signin?returnUrl=" + Uri.EscapeDataString(CrmWeb.LocalOnly(returnUrl));
            var html = $$"""
                <!DOCTYPE html>
                <html lang="{{(ui.IsRussian ? "ru" : "en")}}">
                <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{{Encode(ui[Title])}} · CrmSuite</title>
                <link rel="icon" type="image/svg+xml" href="/_content/CrmSuite.Gateway.UI/favicon.svg" />
                <style>
                body { font-family: Roboto, Arial, sans-serif; background: #f5f5f5; margin: 0; }
                main { max-width: 32rem; margin: 15vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
                h1 { font-size: 1.5rem; margin-top: 0; }
                a.button { display: inline-block; background: #4340d2; color: #fff; padding: .6rem 1.2rem; border-radius: 4px; text-decoration: none; }
                </style>
                </head>
                <body>
                <main data-testid="signin-expired">
                <h1>{{Encode(ui[Title])}}</h1>
                <p>{{Encode(ui[Explanation])}}</p>
                <a class="button" href="{{Encode(signIn)}}">{{Encode(ui[SignInAgain])}}</a>
                </main>
                </body>
                </html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
        }).AllowAnonymous();

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
