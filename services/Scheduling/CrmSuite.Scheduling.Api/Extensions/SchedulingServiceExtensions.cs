using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Channels;
using CrmSuite.Scheduling.Api.Channels.Email;
using CrmSuite.Scheduling.Api.Channels.Sms;
using CrmSuite.Scheduling.Api.Feeds;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Api.Live;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.WebPush;
using Microsoft.EntityFrameworkCore;
using ClientsContracts = CrmSuite.Clients.Contracts;
using DocumentsContracts = CrmSuite.Documents.Contracts;

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
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section)
            .Validate(o => o.FallbackPoll > TimeSpan.Zero && o.MaxStreamLifetime > TimeSpan.Zero && o.ReconnectDelay > TimeSpan.Zero,
                "Scheduling:Live: FallbackPoll, MaxStreamLifetime and ReconnectDelay must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<NotificationSignals>();
        builder.Services.AddSingleton<NotificationListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationListener>());
        builder.AddSchedulingWebPush();
        builder.Services.AddSingleton<ReminderDispatcher>();
        builder.AddReminderChannels();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderDispatcher>());
        builder.Services.AddOptions<RecurringTaskOptions>().BindConfiguration(RecurringTaskOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize is > 0 and <= 10_000, "Scheduling:RecurringTasks: PollInterval must be positive, BatchSize 1..10000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RecurringTaskRoller>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RecurringTaskRoller>());
        builder.Services.AddOptions<ReminderHorizonOptions>().BindConfiguration(ReminderHorizonOptions.Section)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize is > 0 and <= 10_000, "Scheduling:ReminderHorizon: PollInterval must be positive, BatchSize 1..10000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReminderHorizon>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderHorizon>());
        builder.Services.AddOptions<Overdue.OverdueOptions>().BindConfiguration(Overdue.OverdueOptions.Section)
            .Validate(o => o.IsValid(), "Scheduling:Overdue: PollInterval positive, BatchSize 1..10000, EscalateAfterHours 0..8760, DigestHour 0..23, DigestTitles 0..20, TimeZone an IANA zone.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Overdue.OverdueJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Overdue.OverdueJob>());
        builder.AddProcessEngine();
        builder.Services.AddCrmGrpc();
        builder.Services.AddOutboxRelay<SchedulingDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<SchedulingDbContext>(DatabaseName);
        builder.Services.AddSchemaCheck<SchedulingDbContext>(DatabaseName, "scheduling");
        return builder;
    }

    /// <summary>Business processes: the compiler, the compiled versions' cache and the engine (a hosted worker on every replica).</summary>
    public static IHostApplicationBuilder AddProcessEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Processes.Engine.ProcessOptions>().BindConfiguration(Processes.Engine.ProcessOptions.Section)
            .Validate(o => o.IsValid(), "Scheduling:Processes: PollInterval and WebhookTimeout positive, Workers 1..32, BatchSize 1..60, MaxAttempts 1..100, TimeZone a known zone.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Processes.Engine.ProcessCompiler>();
        builder.Services.AddSingleton<Processes.Engine.ProcessDefinitions>();
        builder.Services.AddScoped<Processes.Engine.ProcessRunner>();
        builder.Services.AddSingleton<Processes.Engine.ProcessWebhookClient>();
        // Steps with no person behind them act as the service's own account (Scheduling:ServiceAccount):
        // deals in the clients service, documents (Documents:GrpcAddress) in the documents service.
        builder.Services.AddOptions<Processes.ServiceAccount.ServiceAccountOptions>().BindConfiguration(Processes.ServiceAccount.ServiceAccountOptions.Section)
            .Validate(o => o.IsValid(), "Scheduling:ServiceAccount: ClientId not empty, RenewBefore not negative.").ValidateOnStart();
        builder.Services.AddSingleton<Processes.ServiceAccount.SchedulingServiceAccount>();
        var documents = new Uri(builder.Configuration["Documents:GrpcAddress"] ?? "http://_grpc.documents");
        builder.Services.AddGrpcClient<DocumentsContracts.Documents.DocumentsClient>(grpc => grpc.Address = documents);
        builder.Services.AddGrpcClient<DocumentsContracts.Templates.TemplatesClient>(grpc => grpc.Address = documents);
        builder.Services.AddGrpcClient<DocumentsContracts.Organisations.OrganisationsClient>(grpc => grpc.Address = documents);
        builder.Services.AddScoped<Processes.ServiceAccount.ProcessRecords>();
        builder.Services.AddSingleton<Processes.Engine.ProcessEngine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Processes.Engine.ProcessEngine>());
        return builder;
    }

    /// <summary>External reminder channels (each an <see cref="IReminderChannel"/>) and the dispatcher that sends on them.</summary>
    public static IHostApplicationBuilder AddReminderChannels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChannelOptions>().BindConfiguration(ChannelOptions.Section)
            .Validate(o => o.IsValid(), "Scheduling:Channels: PollInterval, Lease, FirstRetryDelay positive, MaxRetryDelay >= FirstRetryDelay, BatchSize 1..10000, Parallelism 1..256, MaxAttempts 1..100, PublicBaseUrl an absolute URL or empty.")
            .ValidateOnStart();
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .Validate(o => o.IsValid(), "Scheduling:Email: From an e-mail address, Port 1..65535, Timeout positive, UserName and Password both or neither.")
            .ValidateOnStart();
        builder.Services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
            .Validate(o => o.IsValid(), "Scheduling:Sms: Provider log or http (then UrlTemplate an absolute URL), Method GET or POST, Timeout positive, ApiKeyHeader and ApiKey both or neither.")
            .ValidateOnStart();
        builder.Services.AddSingleton<EmailChannel>();
        builder.Services.AddSingleton<IReminderChannel>(sp => sp.GetRequiredService<EmailChannel>());
        builder.Services.AddSingleton<IReminderChannel, SmsChannel>();
        builder.Services.AddSingleton<IReminderChannel, WebPush.WebPushChannel>();
        builder.Services.AddSingleton<ChannelDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChannelDispatcher>());
        // The business processes' e-mail steps queue their mails; these loops send them with the same leases and retries.
        builder.Services.AddSingleton<Processes.Engine.ProcessMailDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Processes.Engine.ProcessMailDispatcher>());
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
