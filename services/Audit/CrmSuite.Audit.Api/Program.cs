using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Audit.Api.Entries;
using CrmSuite.Audit.Api.Extensions;
using CrmSuite.Audit.Api.Infrastructure;
using CrmSuite.Audit.Api.IntegrationEvents;
using CrmSuite.BuildingBlocks.Grpc;

// `migrate` applies the database migrations and sets up the service's restricted database role as
// the owner, then exits: the AppHost runs it before the service starts, Kubernetes as a hook Job.
if (args.FirstOrDefault() == "migrate")
{
    return await AuditMigrator.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (!builder.HasRequiredSettings("audit"))
{
    return RequiredSettings.ExitCode;
}
builder.AddServiceDefaults();
builder.AddAuditServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRestProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcService<AuditLogService>();
app.MapAuditSubscriptions();
await app.RunAsync();
return 0;

public partial class Program;
