namespace CrmSuite.Clients.Api.Duplicates;

public static class DuplicatesRegistration
{
    public static IServiceCollection AddCompanyDuplicates(this IServiceCollection services) =>
        services.AddScoped<DuplicateMatcher>();

    public static IEndpointRouteBuilder MapCompanyDuplicates(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<DuplicatesService>();
        return endpoints;
    }
}
