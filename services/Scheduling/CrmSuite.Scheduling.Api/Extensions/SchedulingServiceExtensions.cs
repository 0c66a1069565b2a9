using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Feeds;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.WebPush;
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
        builder.Services.AddOptions<ClientLinksOptions>().BindConfiguration(ClientLinksOptions.Section)
            .Validate(o => o.CallTimeout > TimeSpan.Zero, "Clients:CallTimeout must be positive.").ValidateOnStart();
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize is > 0 and <= 10_000 && o.LateAfter >= TimeSpan.Zero,
                "Scheduling:Reminders: PollInterval must be positive, BatchSize 1..10000, LateAfter not negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section)
            .Validate(o => o.DaysBack is >= 0 and <= 366 && o.DaysAhead is > 0 and <= 366 && o.MaxItems > 0 && o.ReadsPerWindow > 0 && o.ThrottleWindow > TimeSpan.Zero
                && (string.IsNullOrEmpty(o.PublicBaseUrl) || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _)),
                "Scheduling:Feeds: DaysBack 0..366, DaysAhead 1..366, MaxItems, ReadsPerWindow and ThrottleWindow positive, PublicBaseUrl an absolute URL or empty.")
            .ValidateOnStart();
        builder.AddSchedulingWebPush();
        builder.Services.AddSingleton<ReminderDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderDispatcher>());
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
