using Dapr.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace CrmSuite.PubSubEmulator.Tests.Infrastructure;

/// <summary>
/// The emulator's real Program on Kestrel with real loopback sockets: an HTTP/1.1 endpoint and an
/// h2c endpoint, configured the way the AppHost configures them, so the real DaprClient talks to it
/// over gRPC exactly as it would to daprd.
/// </summary>
public sealed class EmulatorHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private EmulatorHost(IReadOnlyDictionary<string, Uri> apps, TimeSpan discoveryCache)
    {
        HttpUri = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        GrpcUri = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = HttpUri.ToString(),
            ["Kestrel:Endpoints:http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:grpc:Url"] = GrpcUri.ToString(),
            ["Kestrel:Endpoints:grpc:Protocols"] = "Http2",
            ["PubSub:DiscoveryCacheDuration"] = discoveryCache.ToString("c"),
        };
        foreach (var (appId, baseUri) in apps)
        {
            _settings[$"PubSub:Apps:{appId}"] = baseUri.ToString();
        }
    }

    public Uri HttpUri { get; }

    public Uri GrpcUri { get; }

    public static EmulatorHost Start(IReadOnlyDictionary<string, Uri> apps, TimeSpan? discoveryCache = null)
    {
        var host = new EmulatorHost(apps, discoveryCache ?? TimeSpan.Zero);
        host.UseKestrel();
        host.StartServer();
        return host;
    }

    /// <summary>A DaprClient pointed at the emulator the way a service is, through both endpoints.</summary>
    public DaprClient CreateDaprClient() =>
        new DaprClientBuilder()
            .UseGrpcEndpoint(GrpcUri.ToString())
            .UseHttpEndpoint(HttpUri.ToString())
            .Build();

    public HttpClient CreateHttpApiClient() => new() { BaseAddress = HttpUri };

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
}
