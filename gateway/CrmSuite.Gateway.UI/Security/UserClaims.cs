using System.Security.Claims;

namespace CrmSuite.Gateway.UI.Security;

/// <summary>The claims the gateway's sign-in puts on the staff user.</summary>
public static class UserClaims
{
    public const string Name = "name";

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(Name)?.Value ?? user.Identity?.Name ?? "";
}
