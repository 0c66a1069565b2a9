using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Duplicates;
using CrmSuite.Clients.Api.Exports;
using CrmSuite.Clients.Api.Imports;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Api.IntegrationEvents.Handlers;
using CrmSuite.Clients.Api.Leads;
using CrmSuite.Documents.Contracts.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Extensions;

public static class ClientsServiceExtensions
{
    public const string DatabaseName = "clientsdb";

    public static IHostApplicationBuilder AddClientsServices(this IHostApplicationBuilder builder)
    {
        builder.AddClientsDatabase();
        builder.AddCrmAuthentication();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CompanyQueries>();
        builder.Services.AddScoped<CompanySearch>();
        builder.Services.AddScoped<CompanyHistory>();
        builder.Services.AddLeads();
        builder.Services.AddScoped<Deals.DealQueries>();
        builder.Services.AddCompanyDuplicates();
        builder.Services.AddCompanyImports();
        builder.Services.AddCompanyExports();
        builder.Services.AddScoped<DocumentEventHandlers>();
        builder.Services.AddCrmGrpc();
        builder.Services.AddOutboxRelay<ClientsDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<ClientsDbContext>("clientsdb");
        builder.Services.AddSchemaCheck<ClientsDbContext>(DatabaseName, "clients");
        return builder;
    }

    public static IHostApplicationBuilder AddClientsDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"Connection string '{DatabaseName}' is not configured (ConnectionStrings__{DatabaseName}).");
        builder.Services.AddDbContextPool<ClientsDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new OutboxNotifyInterceptor()));
        return builder;
    }

    /// <summary>The Dapr topics this service listens to; each handler runs once per CloudEvent id (inbox).</summary>
    public static WebApplication MapClientsSubscriptions(this WebApplication app)
    {
        // The sidecar discovers the topics anonymously; the handlers are anonymous too (see MapInboxTopic).
        app.MapSubscribeHandler().AllowAnonymous();
        // A document's lifecycle shows on its company's timeline.
        app.MapInboxTopic<ClientsDbContext, DocumentIssued>(DocumentIssued.Topic, "/events/document-issued",
            (e, _, services, ct) => services.GetRequiredService<DocumentEventHandlers>().HandleAsync(e, ct));
        app.MapInboxTopic<ClientsDbContext, DocumentSent>(DocumentSent.Topic, "/events/document-sent",
            (e, _, services, ct) => services.GetRequiredService<DocumentEventHandlers>().HandleAsync(e, ct));
        app.MapInboxTopic<ClientsDbContext, InvoicePaid>(InvoicePaid.Topic, "/events/invoice-paid",
            (e, _, services, ct) => services.GetRequiredService<DocumentEventHandlers>().HandleAsync(e, ct));
        app.MapInboxTopic<ClientsDbContext, DocumentSigned>(DocumentSigned.Topic, "/events/document-signed",
            (e, _, services, ct) => services.GetRequiredService<DocumentEventHandlers>().HandleAsync(e, ct));
        app.MapInboxTopic<ClientsDbContext, DocumentAnnulled>(DocumentAnnulled.Topic, "/events/document-annulled",
            (e, _, services, ct) => services.GetRequiredService<DocumentEventHandlers>().HandleAsync(e, ct));
        return app;
    }
}
