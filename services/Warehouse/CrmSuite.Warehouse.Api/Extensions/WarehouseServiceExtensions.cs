using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Warehouse.Api.Alerts;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Clients.Contracts.Events;
using CrmSuite.Warehouse.Api.IntegrationEvents.Handlers;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.Warehouse.Api.Reservations;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Warehouse.Api.Extensions;

public static class WarehouseServiceExtensions
{
    public const string DatabaseName = "warehousedb";

    public static IHostApplicationBuilder AddWarehouseServices(this IHostApplicationBuilder builder)
    {
        builder.AddWarehouseDatabase();
        builder.AddCrmAuthentication();
        builder.Services.AddOptions<FlagOptions>().BindConfiguration(FlagOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.HasKnownZone(), "Warehouse:TimeZone must be an IANA time zone id, e.g. Europe/Moscow.")
            .Validate(o => o.WorkingHours.Start < o.WorkingHours.End, "Warehouse:WorkingHours:Start must be before End.")
            .ValidateOnStart();
        builder.Services.AddOptions<ReservationOptions>().BindConfiguration(ReservationOptions.Section)
            .Validate(o => o.ReservationLifetime > TimeSpan.Zero && o.ExpiryCheckInterval > TimeSpan.Zero, "Warehouse:ReservationLifetime and ExpiryCheckInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<FlagRules>();
        builder.Services.AddScoped<PostingEngine>();
        builder.Services.AddScoped<ReservationBook>();
        // Deals live in the clients service: found through service discovery (Aspire: the "grpc"
        // endpoint of the "clients" resource; elsewhere Clients:GrpcAddress).
        builder.Services.AddGrpcClient<CrmSuite.Clients.Contracts.Deals.DealsClient>(grpc =>
            grpc.Address = new Uri(builder.Configuration["Clients:GrpcAddress"] ?? "http://_grpc.clients"));
        builder.Services.AddScoped<DealGate>();
        builder.Services.AddScoped<StockVerifier>();
        builder.Services.AddScoped<DealEventHandlers>();
        builder.Services.AddSingleton<ReservationExpiry>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReservationExpiry>());
        builder.Services.AddCrmGrpc();
        builder.Services.AddOutboxRelay<WarehouseDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<WarehouseDbContext>(DatabaseName);
        builder.Services.AddSchemaCheck<WarehouseDbContext>(DatabaseName, "warehouse");
        return builder;
    }

    public static IHostApplicationBuilder AddWarehouseDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"Connection string '{DatabaseName}' is not configured (ConnectionStrings__{DatabaseName}).");
        builder.Services.AddDbContextPool<WarehouseDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new OutboxNotifyInterceptor()));
        return builder;
    }

    /// <summary>The Dapr topics this service listens to; each handler runs once per CloudEvent id (inbox).</summary>
    public static WebApplication MapWarehouseSubscriptions(this WebApplication app)
    {
        // The sidecar discovers the topics anonymously; the handlers are anonymous too (see MapInboxTopic).
        app.MapSubscribeHandler().AllowAnonymous();
        app.MapInboxTopic<WarehouseDbContext, DealWon>(DealWon.Topic, "/events/deal-won",
            (e, _, services, ct) => services.GetRequiredService<DealEventHandlers>().HandleAsync(e, ct));
        app.MapInboxTopic<WarehouseDbContext, DealLost>(DealLost.Topic, "/events/deal-lost",
            (e, _, services, ct) => services.GetRequiredService<DealEventHandlers>().HandleAsync(e, ct));
        return app;
    }
}
