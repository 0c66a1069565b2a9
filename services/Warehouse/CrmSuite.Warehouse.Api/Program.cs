using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Warehouse.Api.Catalog;
using CrmSuite.Warehouse.Api.Demo;
using CrmSuite.Warehouse.Api.Extensions;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.Warehouse.Api.Stock;

// `migrate [--seed-demo]` applies the database migrations (and optionally loads demo data), then
// exits: the AppHost runs it before the service starts, and Kubernetes runs it as a hook Job.
if (args.FirstOrDefault() == "migrate")
{
    return await WarehouseMigrator.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (!builder.HasRequiredSettings("warehouse"))
{
    return RequiredSettings.ExitCode;
}
builder.AddServiceDefaults();
builder.AddWarehouseServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRefusedRequestAudit<CrmSuite.Warehouse.Api.Infrastructure.WarehouseDbContext>();
app.UseRestProblemDetails();
app.UseCrmCloudEvents();
app.UseAuthentication();
app.UseAuthorization();
app.MapGrpcService<CatalogService>();
app.MapGrpcService<MovementsService>();
app.MapGrpcService<StockService>();
app.MapWarehouseSubscriptions();
await app.RunAsync();
return 0;

public partial class Program;
