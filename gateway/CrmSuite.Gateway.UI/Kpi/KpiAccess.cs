using System.Security.Claims;
using CrmSuite.Gateway.UI.Security;
using Microsoft.AspNetCore.Authorization;

namespace CrmSuite.Gateway.UI.Kpi;

/// <summary>What a person may do in the KPI area besides seeing figures (the service decides again on every call).</summary>
internal static class KpiAccess
{
    public static async Task<bool> HasAsync(IAuthorizationService authorization, ClaimsPrincipal user, string permission) =>
        (await authorization.AuthorizeAsync(user, permission)).Succeeded;

    /// <summary>The periods page: closing and recalculating (kpi.configure) or the bonus sheets (kpi.bonus).</summary>
    public static async Task<bool> SeesPeriodsAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        await HasAsync(authorization, user, Permissions.KpiConfigure) || await HasAsync(authorization, user, Permissions.KpiBonus);
}
