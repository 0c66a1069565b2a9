using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using Microsoft.EntityFrameworkCore;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Scheduling.Api.Extensions;

public static class SchedulingServiceExtensions
{
    public const string DatabaseName = "schedulingdb";

    public static IHostApplicationBuilder AddSchedulingServices(this IHostApplicationBuilder builder)
    {
        builder.AddSchedulingDatabase();
        builder.AddCrmAuthentication();
        builder.Services.AddSingleton(TimeProvider.System);
        // Companies, contacts, deals and leads live in the clients service: found through service
        // discovery (Aspire: the "grpc" endpoint of the "clients" resource; elsewhere Clients:GrpcAddress).
        var clients = new Uri(builder.Configuration["Clients:GrpcAddress"] ?? "http://_grpc.clients");
        builder.Services.AddGrpcClient<ClientsContracts.Companies.CompaniesClient>(grpc => grpc.Address = clients);
        builder.Services.AddGrpcClient<ClientsContracts.Deals.DealsClient>(grpc => grpc.Address = clients);
        builder.Services.AddGrpcClient<ClientsContracts.Leads.LeadsClient>(grpc => grpc.Address = clients);
        builder.Services.AddScoped<ClientLinks>();
        builder.Services.AddCrmGrpc();
        builder.Services.AddOutboxRelay<SchedulingDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<SchedulingDbContext>(DatabaseName);
        return builder;
    }

    public static IHostApplicationBuilder AddSchedulingDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"Connection string '{DatabaseName}' is not configured (ConnectionStrings__{DatabaseName}).");
        builder.Services.AddDbContextPool<SchedulingDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new OutboxNotifyInterceptor()));
        return builder;
    }
}
