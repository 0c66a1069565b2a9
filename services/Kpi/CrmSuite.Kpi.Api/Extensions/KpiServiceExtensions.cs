using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Infrastructure;
using CrmSuite.Kpi.Api.People;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Extensions;

public static class KpiServiceExtensions
{
    public const string DatabaseName = "kpidb";

    public static IHostApplicationBuilder AddKpiServices(this IHostApplicationBuilder builder)
    {
        builder.AddKpiDatabase();
        builder.AddCrmAuthentication();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<KpiOptions>().BindConfiguration(KpiOptions.Section)
            .Validate(o => o.IsValid(), "Kpi:TimeZone must be an IANA time zone (e.g. Europe/Moscow).")
            .ValidateOnStart();
        builder.Services.AddSingleton<KpiCalendar>();
        builder.Services.AddScoped<FactRecorder>();
        builder.Services.AddScoped<PersonDirectory>();
        builder.Services.AddScoped<Schemes.SchemeStore>();
        builder.Services.AddScoped<Results.PeriodResults>();
        builder.Services.AddScoped<Periods.PeriodLedger>();
        builder.Services.AddScoped<Overview.OverviewQuery>();
        builder.Services.AddCrmGrpc();
        builder.Services.AddOutboxRelay<KpiDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<KpiDbContext>(DatabaseName);
        builder.Services.AddSchemaCheck<KpiDbContext>(DatabaseName, "kpi");
        return builder;
    }

    public static IHostApplicationBuilder AddKpiDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"Connection string '{DatabaseName}' is not configured (ConnectionStrings__{DatabaseName}).");
        builder.Services.AddDbContextPool<KpiDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new OutboxNotifyInterceptor()));
        return builder;
    }

    /// <summary>
    /// The Dapr topics the KPI listens to: each event becomes its facts once per CloudEvent id
    /// (inbox). The sidecar discovers the topics anonymously; the handlers are anonymous too (see MapInboxTopic).
    /// The fact topics are bulk subscriptions (MapInboxBulkTopic): a delivery's events are recorded together.
    /// </summary>
    public static WebApplication MapKpiSubscriptions(this WebApplication app)
    {
        app.MapSubscribeHandler().AllowAnonymous();
        // Facts in bulk: one transaction and a handful of statements per delivery of up to 200 events.
        Facts<DealCreatedEvent>(app, KpiTopics.DealCreated, "/events/deal-created", e => [FactsFromEvents.DealCreated(e)]);
        Facts<DealStageChangedEvent>(app, KpiTopics.DealStageChanged, "/events/deal-stage-changed", e => [FactsFromEvents.DealMoved(e)]);
        Facts<DealClosedEvent>(app, KpiTopics.DealWon, "/events/deal-won", e => [FactsFromEvents.DealClosed(FactKinds.DealWon, e)]);
        Facts<DealClosedEvent>(app, KpiTopics.DealLost, "/events/deal-lost", e => [FactsFromEvents.DealClosed(FactKinds.DealLost, e)]);
        Facts<LeadCapturedEvent>(app, KpiTopics.LeadCaptured, "/events/lead-captured", e => [FactsFromEvents.LeadCaptured(e)]);
        Facts<LeadAssignedEvent>(app, KpiTopics.LeadAssigned, "/events/lead-assigned", e => [FactsFromEvents.LeadAssigned(e)]);
        Facts<LeadConvertedEvent>(app, KpiTopics.LeadConverted, "/events/lead-converted", FactsFromEvents.LeadConverted);
        Facts<TaskCompletedEvent>(app, KpiTopics.TaskCompleted, "/events/task-completed", e => [FactsFromEvents.TaskCompleted(e)]);
        Facts<ActivityEvent>(app, KpiTopics.MeetingHeld, "/events/meeting-held", e => [FactsFromEvents.Activity(FactKinds.MeetingHeld, e)]);
        Facts<ActivityEvent>(app, KpiTopics.CallLogged, "/events/call-logged", e => [FactsFromEvents.Activity(FactKinds.CallMade, e)]);
        Facts<InvoicePaidEvent>(app, KpiTopics.InvoicePaid, "/events/invoice-paid", e => [FactsFromEvents.InvoicePaid(e)]);
        Facts<ShipmentPostedEvent>(app, KpiTopics.ShipmentPosted, "/events/shipment-posted", e => [FactsFromEvents.ShipmentPosted(e)]);
        app.MapInboxTopic<KpiDbContext, PersonChangedEvent>(KpiTopics.PersonChanged, "/events/person-changed", PersonEventHandler.HandleAsync);
        return app;
    }

    private static void Facts<TEvent>(WebApplication app, string topic, string route, Func<TEvent, IEnumerable<Fact?>> factsOf)
        where TEvent : class =>
        app.MapInboxBulkTopic<KpiDbContext, TEvent>(topic, route,
            (entries, _, services, ct) => services.GetRequiredService<FactRecorder>().RecordAsync(entries, factsOf, ct));
}
