using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Localization;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmSuite.Identity.Pages.Identity;

[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class ChangePasswordModel(UserManager<CrmUser> users, SignInManager<CrmUser> signIn, IdentityText text) : PageModel
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
            var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
            if (result.Succeeded)
            {
                user.MustChangePassword = false;
                await users.UpdateAsync(user);
                await signIn.RefreshSignInAsync(user);
                return LocalRedirect(CrmWeb.LocalOnly(ReturnUrl));
            }
            Errors.AddRange(result.Errors.Select(e => e.Description));
        }
        return Page();
    }
}
