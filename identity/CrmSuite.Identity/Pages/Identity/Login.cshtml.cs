using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Localization;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmSuite.Identity.Pages.Identity;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<CrmUser> signIn, UserManager<CrmUser> users, IdentityText text) : PageModel
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
        var user = await users.FindByNameAsync(UserName.Trim());
        if (user is { Disabled: true })
        {
            Error = text["Disabled"];
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(CrmWeb.LocalOnly(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Identity/TwoFactor", new { returnUrl = CrmWeb.LocalOnly(ReturnUrl) });
        }
        Error = result.IsLockedOut
            ? text.Get("LockedOut", (int)signIn.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes)
            : text["WrongCredentials"];
        return Page();
    }

}
