using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Administration;
using CrmSuite.Identity.Extensions;
using CrmSuite.Identity.Integrations;
using CrmSuite.Identity.Oidc;
using CrmSuite.Identity.Setup;

// `migrate` applies the schema and seeds roles, the gateway's client and the first administrator.
if (args.FirstOrDefault() == "migrate")
{
    return await IdentityMigrator.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (!builder.HasRequiredSettings("identity"))
{
    return RequiredSettings.ExitCode;
}
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseCrmRequestLocalization(defaultLanguage: "en");
// Only the REST administration API speaks problem+json; OAuth endpoints keep RFC 6749's error format.
app.UseWhen(context => context.Request.Path.StartsWithSegments("/v1"), branch => branch.UseRestProblemDetails());
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapOidcEndpoints();
app.MapIntegrationStatus();
app.MapRazorPages();
app.MapGrpcService<AdministrationService>();
await app.RunAsync();
return 0;

public partial class Program;
