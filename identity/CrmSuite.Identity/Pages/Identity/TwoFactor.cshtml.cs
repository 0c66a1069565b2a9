using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Localization;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmSuite.Identity.Pages.Identity;

[AllowAnonymous]
public sealed class TwoFactorModel(SignInManager<CrmUser> signIn, IdentityText text) : PageModel
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
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Identity/Login");
        }
        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal);
        var result = UseRecovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code.Replace("-", string.Empty, StringComparison.Ordinal), isPersistent: false, rememberClient: false);
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
