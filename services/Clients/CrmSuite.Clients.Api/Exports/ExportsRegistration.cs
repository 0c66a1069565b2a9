namespace CrmSuite.Clients.Api.Exports;

public static class ExportsRegistration
{
    public static IServiceCollection AddCompanyExports(this IServiceCollection services)
    {
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateOnStart();
        services.AddScoped<ExportThrottle>();
        return services;
    }

    public static IEndpointRouteBuilder MapCompanyExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ExportsService>();
        return endpoints;
    }
}
