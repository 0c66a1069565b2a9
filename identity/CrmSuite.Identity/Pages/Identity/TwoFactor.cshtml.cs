using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Localization;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmSuite.Identity.Pages.Identity;

[AllowAnonymous]
public sealed class TwoFactorModel(SignInManager<CrmUser> signIn, IdentityAudit audit, IdentityText text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool UseRecovery { get; set; }

    [BindProperty]
    public string Code { get; set; } = string.Empty;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Identity/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        // A used recovery code, the lockout counters and the audit event commit together.
        await using var transaction = await audit.BeginAsync(cancellationToken);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Identity/Login");
        }
        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal);
        var result = UseRecovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code.Replace("-", string.Empty, StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        var actor = await audit.ActorAsync(user);
        var method = UseRecovery ? "password+recovery-code" : "password+authenticator";
        if (result.Succeeded)
        {
            audit.Record(HttpContext, actor, IdentityActions.SignInSucceeded, IdentityActions.UserEntity, user.Id,
                details: new { Method = method, user.UserName, user.MustChangePassword });
        }
        else if (result.IsLockedOut)
        {
            audit.Record(HttpContext, actor, IdentityActions.SignInLockedOut, IdentityActions.UserEntity, user.Id,
                details: new { Reason = "locked-out", Method = method, user.UserName, LockedOutUntil = user.LockoutEnd }, outcome: IdentityActions.Failure);
        }
        else
        {
            // The code itself is never recorded: a recovery code is a password.
            audit.Record(HttpContext, actor, IdentityActions.TwoFactorFailed, IdentityActions.UserEntity, user.Id,
                details: new { Reason = "wrong-code", Method = method, user.UserName, FailedAttempts = user.AccessFailedCount }, outcome: IdentityActions.Failure);
        }
        await audit.CommitAsync(transaction, cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(CrmWeb.LocalOnly(ReturnUrl));
        }
        Error = result.IsLockedOut
            ? text.Get("LockedOut", (int)signIn.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes)
            : UseRecovery ? text["WrongRecoveryCode"] : text["WrongCode"];
        return Page();
    }
}
