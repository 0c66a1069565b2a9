using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Infrastructure;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace CrmSuite.Identity.Administration;

/// <summary>Users, roles, teams and integration clients (users.manage), and the caller's own profile.</summary>
[Authorize(AuthenticationSchemes = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)]
public sealed partial class AdministrationService(
    UserManager<CrmUser> users,
    IdentityDb db,
    IOpenIddictApplicationManager applications,
    IdentityAudit audit) : Contracts.Administration.AdministrationBase
{
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(result.Errors.Select(e => new FieldError(FieldFor(e.Code), e.Description)).ToList());
        }
    }

    private static string FieldFor(string code) => code switch
    {
        _ when code.Contains("Password", StringComparison.Ordinal) => "password",
        _ when code.Contains("UserName", StringComparison.Ordinal) => "user_name",
        _ when code.Contains("Email", StringComparison.Ordinal) => "email",
        _ when code.Contains("Role", StringComparison.Ordinal) => "roles",
        _ => "request",
    };
}
