using System.Security.Cryptography;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Identity.Integrations;
using CrmSuite.Identity.Oidc;
using CrmSuite.Identity.Infrastructure;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;

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

    /// <summary>
    /// The public client of native and desktop tools (README: "Use the API as yourself"): a person
    /// signs in in their browser and the tool acts as them, with their own permissions and visibility.
    /// No secret (a tool's copy could not keep one); authorization code + PKCE S256; refresh tokens.
    /// The tool listens on whatever loopback port is free: RFC 8252 §7.3 says the server must allow
    /// any port for a loopback IP redirect, and OpenIddict's application manager does so for native
    /// applications (ApplicationType native) — only the port: the address (127.0.0.1 or [::1], not
    /// "localhost"), scheme and path must match a registered redirect exactly
    /// (ClientSecurityTests in CrmSuite.Identity.FunctionalTests check both).
    /// </summary>
    public const string NativeClientId = "crmsuite-cli";

    /// <summary>
    /// The scheduling service's own account: its process engine runs steps with no person behind
    /// them (move a deal to a stage, create a document) and calls the clients and documents
    /// services with this client's token. Client credentials only, data permissions only (never
    /// <see cref="Permissions.Administrative"/>); like an integration it sees every client record
    /// (TokenPrincipals.ForIntegration), and audit names it <see cref="SchedulingClientName"/>.
    /// </summary>
    public const string SchedulingClientId = "crmsuite-scheduling";

    /// <summary>The actor name other services' audit shows for what the process engine did.</summary>
    public const string SchedulingClientName = "Business processes (Бизнес-процессы)";

    /// <summary>Exactly what the process engine needs: read and move deals, read records' names, create documents.</summary>
    public static readonly IReadOnlyList<string> SchedulingPermissions =
        [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.DocumentsRead, Permissions.DocumentsWrite];

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
        await UpsertNativeClientAsync(cancellationToken);
        await UpsertSchedulingClientAsync(cancellationToken);
        await EnsureFirstAdministratorAsync();
        await ReplayPeopleAsync(cancellationToken);
    }

    /// <summary>
    /// Every account as a <see cref="Contracts.Events.PersonChanged"/>, on every run of this step: a
    /// service that subscribes later (or whose database is new) learns the people who already exist,
    /// and the first administrator is announced like any other account. Consumers keep the latest
    /// snapshot per person, so a replay changes nothing that is already known; it costs one event per
    /// account per deployment.
    /// </summary>
    private async Task ReplayPeopleAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var people = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancellationToken);
        await db.PeopleChangedAsync(people, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Announced {Count} people to other services", people.Count);
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
            Permissions = { OpenIddictConstants.Permissions.Endpoints.EndSession },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.Permissions.UnionWith(PersonSignInPermissions);
        // The gateway's public address can change between runs; keep the redirect URIs current.
        await UpsertAsync(descriptor, cancellationToken);
    }

    /// <summary>What a client that signs a person in may do: the code flow with PKCE, refresh, the person's profile and roles, the API.</summary>
    private static readonly string[] PersonSignInPermissions =
    [
        OpenIddictConstants.Permissions.Endpoints.Authorization,
        OpenIddictConstants.Permissions.Endpoints.Token,
        OpenIddictConstants.Permissions.GrantTypes.AuthorizationCode,
        OpenIddictConstants.Permissions.GrantTypes.RefreshToken,
        OpenIddictConstants.Permissions.ResponseTypes.Code,
        OpenIddictConstants.Permissions.Scopes.Profile,
        OpenIddictConstants.Permissions.Scopes.Roles,
        OpenIddictConstants.Permissions.Prefixes.Scope + "offline_access",
        OpenIddictConstants.Permissions.Prefixes.Scope + "crm_api",
    ];

    private async Task UpsertNativeClientAsync(CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = NativeClientId,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            DisplayName = "CrmSuite command-line and desktop tools",
            ConsentType = ConsentTypes.Implicit,
            RedirectUris = { new Uri("http://127.0.0.1/callback"), new Uri("http://[::1]/callback") },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.Permissions.UnionWith(PersonSignInPermissions);
        await UpsertAsync(descriptor, cancellationToken);
    }

    private async Task UpsertSchedulingClientAsync(CancellationToken cancellationToken)
    {
        var secret = configuration["Identity:Clients:Scheduling:Secret"];
        if (string.IsNullOrEmpty(secret))
        {
            // Not required: without it only the process steps that act in other services fail
            // (the scheduling service names its own setting, Scheduling:ServiceAccount:Secret).
            logger.LogWarning("Identity:Clients:Scheduling:Secret is not set: the scheduling service's account {ClientId} is not registered or updated; "
                + "process steps that set a deal's stage or create a document will fail", SchedulingClientId);
            return;
        }
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = SchedulingClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = SchedulingClientName,
            Permissions =
            {
                OpenIddictConstants.Permissions.Endpoints.Token,
                OpenIddictConstants.Permissions.GrantTypes.ClientCredentials,
                OpenIddictConstants.Permissions.Prefixes.Scope + TokenPrincipals.ApiResource,
            },
            Properties = { [IntegrationClients.KindProperty] = JsonSerializer.SerializeToElement(IntegrationClients.ServiceKind) },
        };
        foreach (var permission in SchedulingPermissions)
        {
            descriptor.Permissions.Add(OpenIddictConstants.Permissions.Prefixes.Scope + permission);
        }
        // Rewritten on every run: a changed secret or permission list takes effect at the next deployment.
        await UpsertAsync(descriptor, cancellationToken);
    }

    private async Task UpsertAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
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
