namespace CrmSuite.Clients.Api.Leads;

/// <summary>The leads module's registration: services, the gRPC/REST API and the public capture endpoints.</summary>
public static class LeadsModule
{
    public static IServiceCollection AddLeads(this IServiceCollection services)
    {
        services.AddOptions<LeadCaptureOptions>().BindConfiguration(LeadCaptureOptions.Section).ValidateOnStart();
        services.AddSingleton<PublicCaptureLimits>();
        services.AddScoped<LeadQueries>();
        services.AddScoped<LeadAssignment>();
        services.AddScoped<LeadCapture>();
        services.AddScoped<LeadConversion>();
        return services;
    }

    public static IEndpointRouteBuilder MapLeads(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<LeadsService>();
        app.MapWebFormEndpoint();
        app.MapTelephonyWebhook();
        return app;
    }
}
