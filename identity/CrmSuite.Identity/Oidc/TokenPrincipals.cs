using System.Collections.Immutable;
using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Identity.Infrastructure;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;

namespace CrmSuite.Identity.Oidc;

/// <summary>Builds what goes into tokens: who, roles, permissions, teams and client visibility.</summary>
public sealed class TokenPrincipals(UserManager<CrmUser> users, IdentityDb db)
{
    public const string ApiResource = "crm_api";

    public async Task<ClaimsPrincipal> ForUserAsync(CrmUser user, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        var roles = await users.GetRolesAsync(user);
        var teams = await db.TeamMembers.Where(m => m.UserId == user.Id).Select(m => m.TeamId.ToString()).ToListAsync(cancellationToken);
        var headed = await db.Teams.Where(t => t.HeadUserId == user.Id).Select(t => t.Id.ToString()).ToListAsync(cancellationToken);

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName.Length > 0 ? user.DisplayName : user.UserName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Locale, user.Language)
            .SetClaims(Claims.Role, [.. roles])
            .SetClaims(CrmClaims.Permission, [.. RoleCatalog.PermissionsOf(roles)])
            .SetClaims(CrmClaims.Team, [.. teams])
            .SetClaims(CrmClaims.TeamHead, [.. headed])
            .SetClaim(CrmClaims.ClientVisibility, RoleCatalog.VisibilityOf(roles, headed.Count > 0));
        return Finish(identity, scopes);
    }

    /// <summary>An integration's token: it acts as itself, with the permissions it was granted as scopes.</summary>
    public static ClaimsPrincipal ForIntegration(string clientId, string displayName, ImmutableArray<string> grantedScopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, displayName)
            .SetClaims(CrmClaims.Permission, [.. grantedScopes.Where(Permissions.ForIntegrations.Contains)])
            .SetClaim(CrmClaims.ClientVisibility, ClientVisibility.All);
        return Finish(identity, grantedScopes);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, ImmutableArray<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(ApiResource);
        identity.SetDestinations(claim => claim.Type switch
        {
            // The id token (read by the gateway) carries who the user is and what the UI may show.
            Claims.Name or Claims.PreferredUsername or Claims.Role or Claims.Locale or CrmClaims.Permission
                => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
