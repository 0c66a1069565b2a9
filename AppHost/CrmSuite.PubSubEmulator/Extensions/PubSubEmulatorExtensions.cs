using CrmSuite.PubSubEmulator.Configuration;
using CrmSuite.PubSubEmulator.Delivery;
using CrmSuite.PubSubEmulator.Delivery.Bulk;
using CrmSuite.PubSubEmulator.Grpc;
using CrmSuite.PubSubEmulator.Http;
using CrmSuite.PubSubEmulator.Subscriptions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Extensions;

public static class PubSubEmulatorExtensions
{
    public static WebApplicationBuilder AddPubSubEmulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PubSubEmulatorOptions>()
            .BindConfiguration(PubSubEmulatorOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PubSubEmulatorOptions>, PubSubEmulatorOptionsValidator>();

        builder.Services.AddGrpc();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SubscriberHttpClient>();
        builder.Services.AddSingleton<SubscriptionDirectory>();
        builder.Services.AddSingleton<TopicMessageFactory>();
        builder.Services.AddSingleton<SingleEventSender>();
        builder.Services.AddSingleton<BulkRequestSender>();
        builder.Services.AddSingleton<BulkDeliveryQueues>();
        builder.Services.AddSingleton<EventFanOut>();
        builder.Services.AddSingleton<BulkPublisher>();
        return builder;
    }

    public static WebApplication MapPubSubEmulator(this WebApplication app)
    {
        app.MapGrpcService<DaprRuntimeService>();
        app.MapSidecarHttpApi();
        return app;
    }
}
