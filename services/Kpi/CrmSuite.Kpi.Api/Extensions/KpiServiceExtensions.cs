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
    /// </summary>
    public static WebApplication MapKpiSubscriptions(this WebApplication app)
    {
        app.MapSubscribeHandler().AllowAnonymous();
        app.MapInboxTopic<KpiDbContext, DealCreatedEvent>(KpiTopics.DealCreated, "/events/deal-created",
            (e, _, services, ct) => Recorder(services).DealCreatedAsync(e, ct));
        app.MapInboxTopic<KpiDbContext, DealStageChangedEvent>(KpiTopics.DealStageChanged, "/events/deal-stage-changed",
            (e, _, services, ct) => Recorder(services).DealMovedAsync(e, ct));
        app.MapInboxTopic<KpiDbContext, DealClosedEvent>(KpiTopics.DealWon, "/events/deal-won",
            (e, _, services, ct) => Recorder(services).DealClosedAsync(FactKinds.DealWon, e, ct));
        app.MapInboxTopic<KpiDbContext, DealClosedEvent>(KpiTopics.DealLost, "/events/deal-lost",
            (e, _, services, ct) => Recorder(services).DealClosedAsync(FactKinds.DealLost, e, ct));
        app.MapInboxTopic<KpiDbContext, LeadCapturedEvent>(KpiTopics.LeadCaptured, "/events/lead-captured",
            (e, _, services, ct) => Recorder(services).RecordAsync([FactsFromEvents.LeadCaptured(e)], ct));
        app.MapInboxTopic<KpiDbContext, LeadAssignedEvent>(KpiTopics.LeadAssigned, "/events/lead-assigned",
            (e, _, services, ct) => Recorder(services).RecordAsync([FactsFromEvents.LeadAssigned(e)], ct));
        app.MapInboxTopic<KpiDbContext, LeadConvertedEvent>(KpiTopics.LeadConverted, "/events/lead-converted",
            (e, _, services, ct) => Recorder(services).RecordAsync(FactsFromEvents.LeadConverted(e), ct));
        app.MapInboxTopic<KpiDbContext, TaskCompletedEvent>(KpiTopics.TaskCompleted, "/events/task-completed",
            (e, _, services, ct) => Recorder(services).RecordAsync([FactsFromEvents.TaskCompleted(e)], ct));
        app.MapInboxTopic<KpiDbContext, ActivityEvent>(KpiTopics.MeetingHeld, "/events/meeting-held",
            (e, _, services, ct) => Recorder(services).RecordAsync([FactsFromEvents.Activity(FactKinds.MeetingHeld, e)], ct));
        app.MapInboxTopic<KpiDbContext, ActivityEvent>(KpiTopics.CallLogged, "/events/call-logged",
            (e, _, services, ct) => Recorder(services).RecordAsync([FactsFromEvents.Activity(FactKinds.CallMade, e)], ct));
        app.MapInboxTopic<KpiDbContext, InvoicePaidEvent>(KpiTopics.InvoicePaid, "/events/invoice-paid",
            (e, _, services, ct) => Recorder(services).RecordAsync([FactsFromEvents.InvoicePaid(e)], ct));
        app.MapInboxTopic<KpiDbContext, ShipmentPostedEvent>(KpiTopics.ShipmentPosted, "/events/shipment-posted",
            (e, _, services, ct) => Recorder(services).RecordAsync([FactsFromEvents.ShipmentPosted(e)], ct));
        app.MapInboxTopic<KpiDbContext, PersonChangedEvent>(KpiTopics.PersonChanged, "/events/person-changed", PersonEventHandler.HandleAsync);
        return app;
    }

    private static FactRecorder Recorder(IServiceProvider services) => services.GetRequiredService<FactRecorder>();
}
