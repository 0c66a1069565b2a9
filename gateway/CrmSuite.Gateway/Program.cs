using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Web;
using System.Threading.RateLimiting;
using CrmSuite.Gateway.Security;
using CrmSuite.Gateway.Session;
using CrmSuite.Gateway.Infrastructure;
using CrmSuite.Gateway.UI;

// `migrate` applies the gateway database's migrations (sessions, data-protection keys), then exits:
// the AppHost runs it before the gateway starts, Kubernetes as a hook Job.
if (args.FirstOrDefault() == "migrate")
{
    return await GatewayDatabase.MigrateAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (!builder.HasRequiredSettings("gateway"))
{
    return RequiredSettings.ExitCode;
}
builder.AddServiceDefaults();
builder.WebHost.ConfigureKestrel((context, kestrel) =>
{
    kestrel.AddServerHeader = false;
    context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
});
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();
builder.AddStaffSession();
// In development (the AppHost, the end-to-end tests) a failed event names its exception in the
// browser's console, where the tests' failure report shows it.
builder.Services.AddRazorComponents().AddInteractiveServerComponents(circuit => circuit.DetailedErrors = builder.Environment.IsDevelopment());
builder.Services.AddCrmUi();
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    // Sign-in and token requests per client address: slows password guessing across accounts.
    options.AddPolicy(SignInRateLimit.PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = builder.Configuration.GetValue(SignInRateLimit.PermitsKey, 30),
            Window = TimeSpan.FromMinutes(1),
        }));
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseSecurityHeaders();
app.UseRequestSizeLimit();
app.UseCrmRequestLocalization(defaultLanguage: "ru");
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaffSessionEndpoints();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapReverseProxy();
// Integrations get a JSON 404 for an unknown API path, not the staff UI's sign-in page.
app.MapFallback("/api/{**rest}", () => Results.Problem(title: "No such API.", statusCode: StatusCodes.Status404NotFound)).AllowAnonymous();
await app.RunAsync();
return 0;

public partial class Program;
