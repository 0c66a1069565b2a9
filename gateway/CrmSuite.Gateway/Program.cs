using CrmSuite.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.WebHost.ConfigureKestrel((context, kestrel) =>
{
    kestrel.AddServerHeader = false;
    context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
});
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseSecurityHeaders();
app.UseRequestSizeLimit();
app.MapGet("/", () => Results.Json(new
{
    name = "CrmSuite",
    apis = new[] { "/api/clients/v1/companies", "/api/clients/v1/companies:search?query=..." },
    grpc = new[] { "crmsuite.clients.v1.Companies" },
}));
app.MapReverseProxy();
app.Run();

public partial class Program;
