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
public sealed class LoginModel(SignInManager<CrmUser> signIn, UserManager<CrmUser> users, IdentityAudit audit, IdentityText text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["WrongCredentials"];
            return Page();
        }
        var userName = UserName.Trim();
        var cancellationToken = HttpContext.RequestAborted;
        // The attempt's outcome (lockout counters, the session's security stamp) and its audit event commit together.
        await using var transaction = await audit.BeginAsync(cancellationToken);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // Nobody to name as the actor; what was typed is the only lead (never the password).
            audit.Record(HttpContext, AuditActor.Anonymous, IdentityActions.SignInFailed, IdentityActions.UserEntity, string.Empty,
                details: new { Reason = "unknown-user", AttemptedUserName = IdentityAudit.AttemptedName(userName) }, outcome: IdentityActions.Failure);
            await audit.CommitAsync(transaction, cancellationToken);
            Error = text["WrongCredentials"];
            return Page();
        }
        var actor = await audit.ActorAsync(user);
        if (user.Disabled)
        {
            audit.Record(HttpContext, actor, IdentityActions.SignInFailed, IdentityActions.UserEntity, user.Id,
                details: new { Reason = "disabled", user.UserName }, outcome: IdentityActions.Failure);
            await audit.CommitAsync(transaction, cancellationToken);
            Error = text["Disabled"];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        // Identity refuses a right password when it loses the race to update the user row (the same
        // person signing in elsewhere at that moment). Read the row again and retry, a few times.
        for (var retry = 0; retry < 3 && LostARace(result) && await users.CheckPasswordAsync(user, Password); retry++)
        {
            await audit.ReloadAsync(user, cancellationToken);
            result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        }
        if (result.RequiresTwoFactor)
        {
            // The sign-in is recorded when the second factor decides it (TwoFactor page).
            await transaction.CommitAsync(cancellationToken);
            return RedirectToPage("/Identity/TwoFactor", new { returnUrl = CrmWeb.LocalOnly(ReturnUrl) });
        }
        RecordOutcome(actor, user, result);
        await audit.CommitAsync(transaction, cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(CrmWeb.LocalOnly(ReturnUrl));
        }
        Error = result.IsLockedOut
            ? text.Get("LockedOut", (int)signIn.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes)
            : text["WrongCredentials"];
        return Page();
    }

    private static bool LostARace(Microsoft.AspNetCore.Identity.SignInResult result) =>
        !result.Succeeded && !result.IsLockedOut && !result.IsNotAllowed && !result.RequiresTwoFactor;

    private void RecordOutcome(AuditActor actor, CrmUser user, Microsoft.AspNetCore.Identity.SignInResult result)
    {
        if (result.Succeeded)
        {
            audit.Record(HttpContext, actor, IdentityActions.SignInSucceeded, IdentityActions.UserEntity, user.Id,
                details: new { Method = "password", user.UserName, user.MustChangePassword });
        }
        else if (result.IsLockedOut)
        {
            audit.Record(HttpContext, actor, IdentityActions.SignInLockedOut, IdentityActions.UserEntity, user.Id,
                details: new { Reason = "locked-out", user.UserName, LockedOutUntil = user.LockoutEnd }, outcome: IdentityActions.Failure);
        }
        else
        {
            audit.Record(HttpContext, actor, IdentityActions.SignInFailed, IdentityActions.UserEntity, user.Id,
                details: new { Reason = result.IsNotAllowed ? "not-allowed" : "wrong-password", user.UserName, FailedAttempts = user.AccessFailedCount },
                outcome: IdentityActions.Failure);
        }
    }
}
