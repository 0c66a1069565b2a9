using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Kpi.Api.Extensions;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.Schemes;
using CrmSuite.Kpi.Api.Results;

// `migrate` applies the database migrations, then exits: the AppHost runs it before the service
// starts, and Kubernetes runs it as a hook Job. `rebuild` recomputes the daily projection from
// all facts, then exits.
if (args.FirstOrDefault() is "migrate" or "rebuild")
{
    return await KpiMigrator.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (!builder.HasRequiredSettings("kpi"))
{
    return RequiredSettings.ExitCode;
}
builder.AddServiceDefaults();
builder.AddKpiServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRefusedRequestAudit<KpiDbContext>();
app.UseRestProblemDetails();
app.UseCrmCloudEvents();
app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcService<KpiFactsService>();
app.MapGrpcService<KpiResultsService>();
app.MapGrpcService<KpiSchemesService>();
app.MapKpiSubscriptions();
await app.RunAsync();
return 0;

public partial class Program;
