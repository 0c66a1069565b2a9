using System.Security.Cryptography;
using CrmSuite.Identity.Infrastructure;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CrmSuite.Identity.Setup;

/// <summary>
/// The migration step of identity: schema, the fixed roles, the gateway's OIDC client and the first
/// administrator. Safe to run on every start and from a Kubernetes hook Job.
/// </summary>
public sealed class IdentitySetup(
    IdentityDb db,
    RoleManager<IdentityRole> roles,
    UserManager<CrmUser> users,
    IOpenIddictApplicationManager applications,
    IConfiguration configuration,
    ILogger<IdentitySetup> logger)
{
    public const string GatewayClientId = "crm-gateway";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var role in RoleCatalog.Roles)
        {
            if (!await roles.RoleExistsAsync(role.Name))
            {
                await roles.CreateAsync(new IdentityRole(role.Name));
            }
        }
        await UpsertGatewayClientAsync(cancellationToken);
        await EnsureFirstAdministratorAsync();
    }

    private async Task UpsertGatewayClientAsync(CancellationToken cancellationToken)
    {
        var secret = configuration["Identity:Clients:Gateway:Secret"];
        var publicUrl = configuration["Identity:Issuer"];
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(publicUrl))
        {
            throw new InvalidOperationException("Identity:Clients:Gateway:Secret and Identity:Issuer must be configured.");
        }
        var baseUrl = publicUrl.TrimEnd('/');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = GatewayClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "CrmSuite staff web UI",
            ConsentType = ConsentTypes.Implicit,
            RedirectUris = { new Uri(baseUrl + "/signin-oidc") },
            PostLogoutRedirectUris = { new Uri(baseUrl + "/signout-callback-oidc") },
            Permissions =
            {
                OpenIddictConstants.Permissions.Endpoints.Authorization,
                OpenIddictConstants.Permissions.Endpoints.Token,
                OpenIddictConstants.Permissions.Endpoints.EndSession,
                OpenIddictConstants.Permissions.GrantTypes.AuthorizationCode,
                OpenIddictConstants.Permissions.GrantTypes.RefreshToken,
                OpenIddictConstants.Permissions.ResponseTypes.Code,
                OpenIddictConstants.Permissions.Scopes.Profile,
                OpenIddictConstants.Permissions.Scopes.Roles,
                OpenIddictConstants.Permissions.Prefixes.Scope + "offline_access",
                OpenIddictConstants.Permissions.Prefixes.Scope + "crm_api",
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        var existing = await applications.FindByClientIdAsync(GatewayClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            // The gateway's public address can change between runs; keep the redirect URIs current.
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private async Task EnsureFirstAdministratorAsync()
    {
        if ((await users.GetUsersInRoleAsync(RoleCatalog.Administrator)).Count > 0)
        {
            return;
        }
        var userName = configuration["Identity:Admin:UserName"] is { Length: > 0 } configured ? configured : "admin";
        var password = configuration["Identity:Admin:Password"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = OneTimePassword.Generate();
        }
        var admin = new CrmUser
        {
            UserName = userName,
            DisplayName = "Administrator",
            Email = configuration["Identity:Admin:Email"],
            MustChangePassword = true,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first administrator: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, RoleCatalog.Administrator);
        if (generated)
        {
            // Printed once, here: it is stored only as a hash and must be changed at first sign-in.
            logger.LogInformation("First administrator '{UserName}' created with the one-time password {Password} (change it at first sign-in)", userName, password);
        }
        else
        {
            logger.LogInformation("First administrator '{UserName}' created with the configured password (change it at first sign-in)", userName);
        }
    }
}

public static class OneTimePassword
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>A random password that meets the password policy (upper, lower, digit, length 16).</summary>
    public static string Generate()
    {
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 16);
            if (chars.Any(char.IsUpper) && chars.Any(char.IsLower) && chars.Any(char.IsDigit))
            {
                return new string(chars);
            }
        }
    }
}
