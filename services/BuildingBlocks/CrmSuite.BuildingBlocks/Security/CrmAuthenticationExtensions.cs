using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.ServiceDiscovery;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CrmSuite.BuildingBlocks.Security;

public static class CrmAuthenticationExtensions
{
    public const string BackchannelClientName = "identity-backchannel";

    /// <summary>How long after its expiry a token is still accepted, for clocks that drift apart.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bearer tokens from identity, validated against its published keys; one authorization policy
    /// per permission; and a fallback policy so an endpoint without a policy still needs a user.
    /// </summary>
    public static IHostApplicationBuilder AddCrmAuthentication(this IHostApplicationBuilder builder)
    {
        var endpoints = IdentityEndpoints.FromConfiguration(builder.Configuration);
        builder.Services.AddIdentityBackchannel(endpoints);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<IntegrationClientStatusOptions>().BindConfiguration(IntegrationClientStatusOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IntegrationClientStatus>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory, IntegrationClientStatus>((options, clients, integrations) =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = false;
                options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    new Uri(endpoints.Issuer, ".well-known/openid-configuration").ToString(),
                    new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever(clients.CreateClient(BackchannelClientName)) { RequireHttps = false });
                options.TokenValidationParameters.ValidIssuer = endpoints.Issuer.ToString();
                options.TokenValidationParameters.ValidateAudience = false;
                options.TokenValidationParameters.NameClaimType = CrmClaims.Name;
                options.TokenValidationParameters.RoleClaimType = CrmClaims.Role;
                // JwtBearer's default skew accepts a token for 5 minutes after it expired; the
                // clocks of one small installation agree far better than that.
                options.TokenValidationParameters.ClockSkew = MaxClockSkew;
                options.Events ??= new JwtBearerEvents();
                var validated = options.Events.OnTokenValidated;
                options.Events.OnTokenValidated = async context =>
                {
                    await validated(context);
                    if (context.Principal is { } principal && IntegrationClientStatus.IntegrationClientId(principal) is { } clientId
                        && context.SecurityToken is JsonWebToken token
                        && !await integrations.IsActiveAsync(clientId, token.EncodedToken, context.HttpContext.RequestAborted))
                    {
                        context.Fail("The integration client has been revoked.");
                    }
                };
            });
        builder.Services.AddCrmAuthorization();
        // A service's 403 for a missing permission names it (the gateway's UI keeps its access-denied page).
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, PermissionRefusals>();
        return builder;
    }

    public static IServiceCollection AddIdentityBackchannel(this IServiceCollection services, IdentityEndpoints endpoints)
    {
        services.AddSingleton(endpoints);
        services.AddTransient(sp => new IdentityBackchannelHandler(endpoints, sp.GetRequiredService<ServiceEndpointResolver>()));
        services.AddHttpClient(BackchannelClientName).AddHttpMessageHandler<IdentityBackchannelHandler>();
        return services;
    }

    public static IServiceCollection AddCrmAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAuthorization(options =>
        {
            foreach (var permission in Permissions.All)
            {
                options.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireClaim(CrmClaims.Permission, permission));
            }
        });
        return services;
    }
}
