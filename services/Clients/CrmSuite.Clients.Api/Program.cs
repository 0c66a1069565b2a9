using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Demo;
using CrmSuite.Clients.Api.Duplicates;
using CrmSuite.Clients.Api.Exports;
using CrmSuite.Clients.Api.Imports;
using CrmSuite.Clients.Api.Extensions;
using CrmSuite.Clients.Api.Leads;

// `migrate [--seed-demo]` applies the database migrations (and optionally loads demo data), then
// exits: the AppHost runs it before the service starts, and Kubernetes runs it as a hook Job.
if (args.FirstOrDefault() == "migrate")
{
    return await ClientsMigrator.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (!builder.HasRequiredSettings("clients"))
{
    return RequiredSettings.ExitCode;
}
builder.AddServiceDefaults();
builder.AddClientsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRefusedRequestAudit<CrmSuite.Clients.Api.Infrastructure.ClientsDbContext>();
app.UseRestProblemDetails();
app.UseCrmCloudEvents();
app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcService<CompaniesService>();
app.MapGrpcService<CrmSuite.Clients.Api.CustomFields.CustomFieldsService>();
app.MapLeads();
app.MapGrpcService<CrmSuite.Clients.Api.Deals.PipelinesService>();
app.MapGrpcService<CrmSuite.Clients.Api.Deals.DealsService>();
app.MapGrpcService<CrmSuite.Clients.Api.Deals.DealLinesService>();
app.MapCompanyDuplicates();
app.MapCompanyImports();
app.MapCompanyExports();
app.MapClientsSubscriptions();
await app.RunAsync();
return 0;

public partial class Program;
