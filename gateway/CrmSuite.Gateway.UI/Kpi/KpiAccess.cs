using System.Security.Claims;
using CrmSuite.Gateway.UI.Security;
using Microsoft.AspNetCore.Authorization;

namespace CrmSuite.Gateway.UI.Kpi;

/// <summary>What a person may do in the KPI area besides seeing figures (the service decides again on every call).</summary>
internal static class KpiAccess
{
    /// <summary>The host's policy of that name; a host that has none yet (kpi.bonus is new) is answered from the permission claim it would require.</summary>
    public static async Task<bool> HasAsync(IAuthorizationService authorization, IAuthorizationPolicyProvider policies, ClaimsPrincipal user, string permission) =>
        await policies.GetPolicyAsync(permission) is null
            ? user.HasClaim(PermissionClaim, permission)
            : (await authorization.AuthorizeAsync(user, permission)).Succeeded;

    /// <summary>The periods page: closing and recalculating (kpi.configure) or the bonus sheets (kpi.bonus).</summary>
    public static async Task<bool> SeesPeriodsAsync(IAuthorizationService authorization, IAuthorizationPolicyProvider policies, ClaimsPrincipal user) =>
        await HasAsync(authorization, policies, user, Permissions.KpiConfigure) || await HasAsync(authorization, policies, user, Permissions.KpiBonus);

    /// <summary>The claim the host's permission policies require (CrmSuite.BuildingBlocks.Security.CrmClaims.Permission).</summary>
    private const string PermissionClaim = "perm";
}
