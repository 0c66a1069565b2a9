using System.Collections.Immutable;
using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;

namespace CrmSuite.Identity.Oidc;

/// <summary>The OpenID Connect endpoints OpenIddict passes through to us: authorize, token, end session.</summary>
public static class OidcEndpoints
{
    public static void MapOidcEndpoints(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost("/connect/token", TokenAsync).AllowAnonymous().DisableAntiforgery();
        app.MapMethods("/connect/endsession", ["GET", "POST"], EndSessionAsync).AllowAnonymous().DisableAntiforgery();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<CrmUser> users, TokenPrincipals principals)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var here = context.Request.PathBase + context.Request.Path + QueryString.Create(
            context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList());

        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        if (user is null || user.Disabled || await users.IsLockedOutAsync(user))
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = here }, [IdentityConstants.ApplicationScheme]);
        }
        if (user.MustChangePassword)
        {
            return Results.Redirect("/identity/change-password?returnUrl=" + Uri.EscapeDataString(here));
        }
        var principal = await principals.ForUserAsync(user, request.GetScopes(), context.RequestAborted);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, UserManager<CrmUser> users, TokenPrincipals principals, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(result.Principal?.GetClaim(Claims.Subject) ?? string.Empty);
            // A disabled or locked-out user loses access at the next refresh, not at the next sign-in.
            if (user is null || user.Disabled || await users.IsLockedOutAsync(user))
            {
                return Forbid(Errors.InvalidGrant, "The user may no longer sign in.");
            }
            return Results.SignIn(await principals.ForUserAsync(user, result.Principal!.GetScopes(), context.RequestAborted),
                properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted)
                ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
            var name = await applications.GetDisplayNameAsync(application, context.RequestAborted) ?? request.ClientId!;
            // A client created before administrative permissions were refused to integrations may
            // still list them: they are never granted (nor written into the token's scope).
            var scopes = request.GetScopes().Where(scope => !Permissions.IsAdministrative(scope)).ToImmutableArray();
            return Results.SignIn(TokenPrincipals.ForIntegration(request.ClientId!, name, scopes),
                properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context, SignInManager<CrmUser> signIn, UserManager<CrmUser> users, IdentityAudit audit)
    {
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        await signIn.SignOutAsync();
        if (user is not null)
        {
            // Only an actual session ends here; a sign-out without one (an expired cookie) changes nothing.
            audit.Record(context, await audit.ActorAsync(user), IdentityActions.SignedOut, IdentityActions.UserEntity, user.Id,
                details: new { user.UserName });
            await audit.SaveAsync(context.RequestAborted);
        }
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
