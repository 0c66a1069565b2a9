// The KPI service: facts from integration events, daily projections, schemes and bonus sheets.
// Skeleton: the service's registrations, migrate step and endpoints come next.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
return 0;

public partial class Program;
