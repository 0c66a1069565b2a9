using System.Globalization;
using System.Security.Claims;
using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.Infrastructure;
using CrmSuite.Identity.Contracts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Localization;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CrmSuite.Gateway.Session;

/// <summary>
/// The gateway as backend-for-frontend: a cookie session for the staff UI, OpenID Connect sign-in
/// against identity through the gateway's own address, and gRPC clients that carry the user's token.
/// </summary>
public static class BffExtensions
{
    public static IHostApplicationBuilder AddStaffSession(this IHostApplicationBuilder builder)
    {
        var endpoints = IdentityEndpoints.FromConfiguration(builder.Configuration);
        builder.Services.AddIdentityBackchannel(endpoints);
        builder.AddGatewayDatabase();
        // As every service: no serving against a gatewaydb older than this version (503 until `gateway migrate`).
        builder.Services.AddSchemaCheck<GatewayDb>(GatewayDatabase.Name, "gateway");
        builder.Services.AddSingleton<SessionTokenStore>();
        builder.Services.AddHostedService<SessionCleanup>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<UserAccessTokens>();
        builder.Services.AddHttpContextAccessor();

        // The handler logs a refused callback (a reloaded or replayed /signin-oidc) as an error before
        // OnRemoteFailure runs; SignInCallbackFailures logs each of those once, with its reason, as the
        // warning it is. Anything the handler logs as critical still shows.
        builder.Logging.AddFilter(typeof(OpenIdConnectHandler).FullName, LogLevel.Critical);
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "crm.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = SessionTokenStore.Lifetime;
                options.SlidingExpiration = true;
                options.AccessDeniedPath = "/access-denied";
                options.Events.OnValidatePrincipal = async context =>
                {
                    // A session whose tokens are gone (signed out, ended, refresh refused) must sign in again.
                    var store = context.HttpContext.RequestServices.GetRequiredService<SessionTokenStore>();
                    var sessionId = context.Principal?.FindFirst(SessionTokenStore.SessionClaim)?.Value;
                    if (sessionId is null || !await store.IsOpenAsync(sessionId, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddOpenIdConnect();

        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((options, clients) =>
            {
                var backchannel = clients.CreateClient(CrmAuthenticationExtensions.BackchannelClientName);
                options.Authority = endpoints.Issuer.ToString();
                options.ClientId = builder.Configuration["Identity:Clients:Gateway:ClientId"] ?? "crm-gateway";
                options.ClientSecret = builder.Configuration["Identity:Clients:Gateway:Secret"]
                    ?? throw new InvalidOperationException("Identity:Clients:Gateway:Secret is not configured.");
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "roles", "offline_access", "crm_api" })
                {
                    options.Scope.Add(scope);
                }
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.SaveTokens = false;
                options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                options.TokenValidationParameters.NameClaimType = CrmClaims.Name;
                options.TokenValidationParameters.RoleClaimType = CrmClaims.Role;
                options.Backchannel = backchannel;
                options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    new Uri(endpoints.Issuer, ".well-known/openid-configuration").ToString(),
                    new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever(backchannel) { RequireHttps = false });
                options.CorrelationCookie.Name = "crm.oidc.correlation.";
                options.NonceCookie.Name = "crm.oidc.nonce.";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events.OnRemoteFailure = SignInCallbackFailures.RedirectToFriendlyPage;
                options.Events.OnTokenValidated = async context =>
                {
                    var response = context.TokenEndpointResponse!;
                    var store = context.HttpContext.RequestServices.GetRequiredService<SessionTokenStore>();
                    var expiresIn = int.TryParse(response.ExpiresIn, CultureInfo.InvariantCulture, out var seconds) ? seconds : 300;
                    var sessionId = await store.AddAsync(new SessionTokenStore.SessionTokens(response.AccessToken, response.RefreshToken, DateTimeOffset.UtcNow.AddSeconds(expiresIn)), context.HttpContext.RequestAborted);
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    identity.AddClaim(new Claim(SessionTokenStore.SessionClaim, sessionId));
                    // The language is remembered per user once chosen (the switch stores it in the profile).
                    // A user who never chose one starts in this browser's: its culture cookie, else its first
                    // language the UI speaks, as the request localization found it; the cookie keeps it.
                    var language = identity.FindFirst("locale")?.Value;
                    if (language is not ("ru" or "en"))
                    {
                        language = context.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName is "en" ? "en" : "ru";
                    }
                    AppendCultureCookie(context.HttpContext, language);
                };
            });

        builder.Services.AddCrmAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        AddUserGrpcClient<Companies.CompaniesClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<CustomFields.CustomFieldsClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<Leads.LeadsClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<CrmSuite.Clients.Contracts.Deals.DealsClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<CrmSuite.Clients.Contracts.DealLines.DealLinesClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<CrmSuite.Clients.Contracts.Pipelines.PipelinesClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<Duplicates.DuplicatesClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<Imports.ImportsClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<Exports.ExportsClient>(builder.Services, "http://_grpc.clients");
        AddUserGrpcClient<Administration.AdministrationClient>(builder.Services, "http://_grpc.identity");
        AddUserGrpcClient<CrmSuite.Audit.Contracts.AuditLog.AuditLogClient>(builder.Services, "http://_grpc.audit");
        AddUserGrpcClient<CrmSuite.Warehouse.Contracts.Catalog.CatalogClient>(builder.Services, "http://_grpc.warehouse");
        AddUserGrpcClient<CrmSuite.Warehouse.Contracts.Movements.MovementsClient>(builder.Services, "http://_grpc.warehouse");
        AddUserGrpcClient<CrmSuite.Warehouse.Contracts.Stock.StockClient>(builder.Services, "http://_grpc.warehouse");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.Items.ItemsClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.Notifications.NotificationsClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.Live.LiveClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.CalendarFeeds.CalendarFeedsClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.NotificationChannels.NotificationChannelsClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.PushDevices.PushDevicesClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.ActivityTypes.ActivityTypesClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.ActivityPlans.ActivityPlansClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.CalendarView.CalendarViewClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Scheduling.Contracts.Processes.ProcessesClient>(builder.Services, "http://_grpc.scheduling");
        AddUserGrpcClient<CrmSuite.Documents.Contracts.Attachments.AttachmentsClient>(builder.Services, "http://_grpc.documents");
        AddUserGrpcClient<CrmSuite.Documents.Contracts.Organisations.OrganisationsClient>(builder.Services, "http://_grpc.documents");
        // The UI's file uploads and downloads through the proxy carry the person's token (routes marked in appsettings.json).
        builder.Services.AddSingleton<Yarp.ReverseProxy.Transforms.Builder.ITransformProvider, SessionAccessTokenTransforms>();
        AddUserGrpcClient<CrmSuite.Documents.Contracts.Documents.DocumentsClient>(builder.Services, "http://_grpc.documents");
        AddUserGrpcClient<CrmSuite.Documents.Contracts.Templates.TemplatesClient>(builder.Services, "http://_grpc.documents");
        AddUserGrpcClient<CrmSuite.Kpi.Contracts.KpiSchemes.KpiSchemesClient>(builder.Services, "http://_grpc.kpi");
        AddUserGrpcClient<CrmSuite.Kpi.Contracts.KpiResults.KpiResultsClient>(builder.Services, "http://_grpc.kpi");
        AddUserGrpcClient<CrmSuite.Kpi.Contracts.KpiFacts.KpiFactsClient>(builder.Services, "http://_grpc.kpi");
        return builder;
    }

    private static void AddUserGrpcClient<TClient>(IServiceCollection services, string address) where TClient : class =>
        services.AddGrpcClient<TClient>(options => options.Address = new Uri(address))
            .AddCallCredentials(UserCallCredentials.AttachAsync)
            // Inside the cluster the services speak h2c; the token still travels only on loopback/cluster network.
            .ConfigureChannel(channel =>
            {
                channel.UnsafeUseInsecureChannelCallCredentials = true;
                // Audit exports come back as one message of up to several MB.
                channel.MaxReceiveMessageSize = 32 * 1024 * 1024;
            });

    public static void MapStaffSessionEndpoints(this WebApplication app)
    {
        app.MapSignInExpiredPage();
        app.MapGet("/account/signin", (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = CrmWeb.LocalOnly(returnUrl) },
            [OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous();

        app.MapPost("/account/signout", async (HttpContext context, IAntiforgery antiforgery, SessionTokenStore store) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            if (context.User.FindFirst(SessionTokenStore.SessionClaim)?.Value is { } sessionId)
            {
                await store.RemoveAsync(sessionId, context.RequestAborted);
            }
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        });

        app.MapGet("/culture/set", async (HttpContext context, string culture, string? redirectUri, Administration.AdministrationClient administration) =>
        {
            if (!CrmWeb.Languages.Contains(culture))
            {
                return Results.Problem(title: "Unknown language.", detail: "Language must be ru or en.", statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["culture"] = ["Language must be ru or en."] } });
            }
            AppendCultureCookie(context, culture);
            await administration.SetMyLanguageAsync(new SetMyLanguageRequest { Language = culture }, cancellationToken: context.RequestAborted);
            return Results.LocalRedirect(CrmWeb.LocalOnly(redirectUri));
        });
    }

    private static void AppendCultureCookie(HttpContext context, string language) =>
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Lax, Expires = DateTimeOffset.UtcNow.AddYears(1) });
}
