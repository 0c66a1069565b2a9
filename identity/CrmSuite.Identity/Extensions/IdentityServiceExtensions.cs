using CrmSuite.BuildingBlocks.Configuration;
using System.Security.Cryptography;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Infrastructure;
using CrmSuite.Identity.Localization;
using CrmSuite.Identity.Oidc;
using CrmSuite.Identity.Setup;
using CrmSuite.Identity.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;

namespace CrmSuite.Identity.Extensions;

public static class IdentityServiceExtensions
{
    public const string DatabaseName = "identitydb";

    public static IHostApplicationBuilder AddIdentityDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"Connection string '{DatabaseName}' is not configured (ConnectionStrings__{DatabaseName}).");
        builder.Services.AddDbContext<IdentityDb>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new OutboxNotifyInterceptor()));
        builder.Services.AddIdentity<CrmUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Identity:Lockout:MaxFailedAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:Lockout:Minutes", 15));
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders();
        builder.Services.AddOpenIddict().AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDb>());
        builder.Services.AddScoped<IdentitySetup>();
        return builder;
    }

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.AddIdentityDatabase();
        var endpoints = IdentityEndpoints.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddDataProtection().SetApplicationName("crmsuite-identity").PersistKeysToDbContext<IdentityDb>();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "crm.identity";
            options.LoginPath = "/identity/login";
            options.LogoutPath = "/connect/endsession";
            options.AccessDeniedPath = "/identity/login";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.Name = "crm.identity.2fa");
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = "crm.identity.2fa-remember");

        builder.Services.AddOpenIddict()
            .AddServer(options =>
            {
                options.SetIssuer(endpoints.Issuer);
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession");
                options.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                options.RequireProofKeyForCodeExchange();
                // "plain" sends the verifier itself as the challenge: whoever sees the authorization
                // request can redeem an intercepted code. S256 only (RFC 9700 §2.1.1).
                options.Configure(server =>
                {
                    server.CodeChallengeMethods.Clear();
                    server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });
                options.AddEventHandler(ClientAuthenticationAudit.Descriptor);
                options.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, TokenPrincipals.ApiResource, .. Permissions.All]);
                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(builder.Configuration.GetValue("Identity:AccessTokenMinutes", 15)));
                options.SetRefreshTokenLifetime(TimeSpan.FromHours(8));
                options.DisableAccessTokenEncryption();
                AddKeys(options, builder);
                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (builder.Environment.IsDevelopment())
                {
                    // Only for local runs on plain HTTP; production sits behind TLS at the gateway.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();
            });

        builder.Services.AddCrmAuthorization();
        builder.Services.AddScoped<TokenPrincipals>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IdentityAudit>();
        // Sign-in and administration audit events leave identitydb's outbox through the Dapr sidecar.
        builder.Services.AddOutboxRelay<IdentityDb>();
        builder.Services.AddSingleton<IdentityText>();
        builder.Services.AddRazorPages();
        builder.Services.AddCrmGrpc();
        builder.Services.AddHealthChecks().AddDbContextCheck<IdentityDb>(DatabaseName);
        builder.Services.AddSchemaCheck<IdentityDb>(DatabaseName, "identity");
        return builder;
    }

    /// <summary>Keys from configuration in production; throw-away development certificates only locally.</summary>
    private static void AddKeys(OpenIddictServerBuilder options, IHostApplicationBuilder builder)
    {
        var signingPem = builder.Configuration["Identity:Keys:SigningRsaPem"];
        var encryptionKey = builder.Configuration["Identity:Keys:EncryptionKey"];
        if (!string.IsNullOrEmpty(signingPem) && !string.IsNullOrEmpty(encryptionKey))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(signingPem);
            options.AddSigningKey(new RsaSecurityKey(rsa));
            options.AddEncryptionKey(new SymmetricSecurityKey(Convert.FromBase64String(encryptionKey)));
            return;
        }
        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Identity:Keys:SigningRsaPem and Identity:Keys:EncryptionKey must be configured outside Development.");
        }
        options.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
    }
}
