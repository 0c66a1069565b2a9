using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Radzen;

// In this namespace so the host's `builder.Services.AddCrmUi()` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class CrmUiServiceCollectionExtensions
{
    /// <summary>
    /// The staff UI's services. The host adds Razor components, authentication with the cascading
    /// authentication state, the authorization policies named like the permissions, and the gRPC
    /// clients the pages call.
    /// </summary>
    public static IServiceCollection AddCrmUi(this IServiceCollection services)
    {
        services.AddRadzenComponents();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<UiText>();
        services.AddScoped<BrowserApi>();
        services.AddScoped<PersonDirectory>();
        // The typed client layer over the gRPC clients the host registers.
        services.AddScoped<LeadsApi>();
        services.AddScoped<AuditApi>();
        services.AddScoped<AdministrationApi>();
        services.AddScoped<ClientsApi>();
        services.AddScoped<DealsApi>();
        services.AddScoped<DealLinesApi>();
        services.AddScoped<WarehouseApi>();
        services.AddScoped<ImportsApi>();
        services.AddScoped<SchedulingApi>();
        services.AddScoped<SeriesApi>();
        services.AddScoped<ActivityFormsApi>();
        services.AddScoped<NotificationsApi>();
        services.AddScoped<CalendarFeedsApi>();
        services.AddScoped<NotificationChannelsApi>();
        services.AddScoped<WebPushApi>();
        services.AddScoped<ActivitiesApi>();
        services.AddScoped<CalendarApi>();
        services.AddScoped<DocumentsApi>();
        services.AddScoped<DocumentRecordsApi>();
        services.AddScoped<KpiApi>();
        services.AddScoped<ProcessesApi>();
        return services;
    }
}
