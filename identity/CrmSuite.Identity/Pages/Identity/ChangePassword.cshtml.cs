using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Localization;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmSuite.Identity.Pages.Identity;

[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class ChangePasswordModel(UserManager<CrmUser> users, SignInManager<CrmUser> signIn, IdentityAudit audit, IdentityText text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string CurrentPassword { get; set; } = string.Empty;

    [BindProperty]
    public string NewPassword { get; set; } = string.Empty;

    [BindProperty]
    public string ConfirmPassword { get; set; } = string.Empty;

    public List<string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Identity/Login");
        }
        if (NewPassword != ConfirmPassword)
        {
            Errors.Add(text["PasswordsDiffer"]);
        }
        else if (NewPassword == CurrentPassword)
        {
            Errors.Add(text["SamePassword"]);
        }
        else
        {
            var cancellationToken = HttpContext.RequestAborted;
            await using var transaction = await audit.BeginAsync(cancellationToken);
            var required = user.MustChangePassword;
            var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
            var actor = await audit.ActorAsync(user);
            if (result.Succeeded)
            {
                user.MustChangePassword = false;
                await users.UpdateAsync(user);
                audit.Record(HttpContext, actor, IdentityActions.PasswordChanged, IdentityActions.UserEntity, user.Id,
                    details: new { user.UserName, Required = required });
                await audit.CommitAsync(transaction, cancellationToken);
                await signIn.RefreshSignInAsync(user);
                return LocalRedirect(CrmWeb.LocalOnly(ReturnUrl));
            }
            // Error codes only (e.g. PasswordMismatch, PasswordTooShort): the descriptions are for the user, the passwords for nobody.
            audit.Record(HttpContext, actor, IdentityActions.PasswordChangeFailed, IdentityActions.UserEntity, user.Id,
                details: new { user.UserName, Reasons = result.Errors.Select(e => e.Code).ToList() }, outcome: IdentityActions.Failure);
            await audit.CommitAsync(transaction, cancellationToken);
            Errors.AddRange(result.Errors.Select(e => e.Description));
        }
        return Page();
    }
}
