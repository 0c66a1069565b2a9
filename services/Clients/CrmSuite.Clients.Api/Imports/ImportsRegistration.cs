namespace CrmSuite.Clients.Api.Imports;

public static class ImportsRegistration
{
    public static IServiceCollection AddCompanyImports(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateOnStart();
        services.AddScoped<ImportUploads>();
        services.AddScoped<ImportPlanner>();
        services.AddScoped<ImportUndo>();
        services.AddSingleton<ImportPreviewer>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportPreviewer>());
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportRunner>());
        return services;
    }

    public static IEndpointRouteBuilder MapCompanyImports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ImportsService>();
        endpoints.MapImportUpload();
        return endpoints;
    }
}
