using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Localization;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace CrmSuite.Identity.Pages.Identity;

/// <summary>Turning on TOTP two-factor: a QR code for the authenticator app, a code to prove it works, recovery codes.</summary>
[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class SecurityModel(UserManager<CrmUser> users, IdentityAudit audit, IdentityText text) : PageModel
{
    private const int RecoveryCodeCount = 10;

    [BindProperty]
    public string Code { get; set; } = string.Empty;

    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = string.Empty;
    public string QrCodeDataUri { get; private set; } = string.Empty;
    public string? Error { get; private set; }
    public List<string> RecoveryCodes { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = text["WrongCode"];
            await LoadAsync(user);
            return Page();
        }
        var cancellationToken = HttpContext.RequestAborted;
        await using var transaction = await audit.BeginAsync(cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes.AddRange(await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []);
        // How many recovery codes were issued, never the codes.
        audit.Record(HttpContext, await audit.ActorAsync(user), IdentityActions.TwoFactorEnabled, IdentityActions.UserEntity, user.Id,
            before: new { TwoFactorEnabled = false }, after: new { TwoFactorEnabled = true },
            details: new { user.UserName, Method = "authenticator", RecoveryCodesIssued = RecoveryCodes.Count });
        await audit.CommitAsync(transaction, cancellationToken);
        Enabled = true;
        return Page();
    }

    private async Task LoadAsync(CrmUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = key!;
        var label = Uri.EscapeDataString("CrmSuite:" + user.UserName);
        var uri = $"otpauth://totp/{label}?secret={key}&issuer=CrmSuite&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(5));
    }
}
