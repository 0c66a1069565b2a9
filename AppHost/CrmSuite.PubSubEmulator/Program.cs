using CrmSuite.PubSubEmulator.Extensions;

// A stateless stand-in for the Dapr sidecar's pub/sub for local runs and tests (daprd cannot be installed here):
// services publish with DaprClient over gRPC or HTTP exactly as against daprd, and the emulator fans
// each event out synchronously to the apps that subscribe to it through /dapr/subscribe.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPubSubEmulator();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPubSubEmulator();
await app.RunAsync();

public partial class Program;
