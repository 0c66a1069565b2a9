using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Documents.Api.Attachments;
using CrmSuite.Documents.Api.Documents;
using CrmSuite.Documents.Api.Infrastructure;
using CrmSuite.Documents.Api.Mail;
using CrmSuite.Documents.Api.Rendering;
using Microsoft.EntityFrameworkCore;
using ClientsContracts = CrmSuite.Clients.Contracts;
using SchedulingContracts = CrmSuite.Scheduling.Contracts;
using WarehouseContracts = CrmSuite.Warehouse.Contracts;

namespace CrmSuite.Documents.Api.Extensions;

public static class DocumentsServiceExtensions
{
    public const string DatabaseName = "documentsdb";

    public static IHostApplicationBuilder AddDocumentsServices(this IHostApplicationBuilder builder)
    {
        builder.AddDocumentsDatabase();
        builder.AddCrmAuthentication();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.MaxFileBytes > 0 && o.ChunkBytes is >= 64 * 1024 and <= 16 * 1024 * 1024 && o.MaxTextChars > 0,
                "Documents:Uploads: MaxFileBytes positive, ChunkBytes 64 KiB..16 MiB, MaxTextChars positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<RecordAccessOptions>().BindConfiguration(RecordAccessOptions.Section)
            .Validate(o => o.CallTimeout > TimeSpan.Zero, "Documents:RecordAccess:CallTimeout must be positive.")
            .ValidateOnStart();
        // The records files attach to live in other services, found through service discovery
        // (Aspire: the "grpc" endpoint of each resource; elsewhere <Service>:GrpcAddress).
        var clients = new Uri(builder.Configuration["Clients:GrpcAddress"] ?? "http://_grpc.clients");
        var scheduling = new Uri(builder.Configuration["Scheduling:GrpcAddress"] ?? "http://_grpc.scheduling");
        var warehouse = new Uri(builder.Configuration["Warehouse:GrpcAddress"] ?? "http://_grpc.warehouse");
        builder.Services.AddGrpcClient<ClientsContracts.Companies.CompaniesClient>(grpc => grpc.Address = clients);
        builder.Services.AddGrpcClient<ClientsContracts.Deals.DealsClient>(grpc => grpc.Address = clients);
        builder.Services.AddGrpcClient<ClientsContracts.DealLines.DealLinesClient>(grpc => grpc.Address = clients);
        builder.Services.AddGrpcClient<ClientsContracts.Leads.LeadsClient>(grpc => grpc.Address = clients);
        builder.Services.AddGrpcClient<SchedulingContracts.Items.ItemsClient>(grpc => grpc.Address = scheduling);
        builder.Services.AddGrpcClient<WarehouseContracts.Catalog.CatalogClient>(grpc => grpc.Address = warehouse);
        builder.Services.AddGrpcClient<WarehouseContracts.Movements.MovementsClient>(grpc => grpc.Address = warehouse);
        builder.Services.AddScoped<RecordAccess>();
        builder.Services.AddScoped<AttachmentStore>();
        builder.Services.AddSingleton<TextExtractor>();
        builder.Services.AddScoped<DocumentSources>();
        builder.Services.AddScoped<DocumentDrafts>();
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .Validate(o => o.IsValid(), "Documents:Email: Port 1..65535, From an e-mail address, Timeout positive, UserName and Password together.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DocumentMailer>();
        builder.Services.AddOptions<RenderingOptions>().BindConfiguration(RenderingOptions.Section)
            .Validate(o => o.Contexts is >= 1 and <= 16 && o.MaxSteps > 0 && o.MaxOutputChars > 0 && o.PrintTimeout > TimeSpan.Zero,
                "Documents:Rendering: Contexts 1..16, MaxSteps, MaxOutputChars and PrintTimeout positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ChromiumPdfPrinter>();
        builder.Services.AddHostedService<ChromiumWarmUp>();
        builder.Services.AddSingleton<LiquidTemplates>();
        builder.Services.AddSingleton<DocxFiller>();
        builder.Services.AddScoped<DocumentRenderer>();
        builder.Services.AddScoped<IDocumentRenderer>(services => services.GetRequiredService<DocumentRenderer>());
        builder.Services.AddCrmGrpc();
        builder.Services.AddOutboxRelay<DocumentsDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<DocumentsDbContext>(DatabaseName);
        builder.Services.AddSchemaCheck<DocumentsDbContext>(DatabaseName, "documents");
        return builder;
    }

    public static IHostApplicationBuilder AddDocumentsDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"Connection string '{DatabaseName}' is not configured (ConnectionStrings__{DatabaseName}).");
        builder.Services.AddDbContextPool<DocumentsDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new OutboxNotifyInterceptor()));
        return builder;
    }

    /// <summary>The Dapr topics this service listens to (none yet); the sidecar discovers them anonymously.</summary>
    public static WebApplication MapDocumentsSubscriptions(this WebApplication app)
    {
        app.MapSubscribeHandler().AllowAnonymous();
        return app;
    }
}
