using CrmSuite.PubSubEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSuite.PubSubEmulator.Delivery;

/// <summary>
/// The one HTTP client the emulator talks to apps with (discovery and delivery). Deliberately not
/// from IHttpClientFactory: ServiceDefaults adds a retrying resilience handler to those, and a retry
/// here would hide from the publisher's outbox that an event was not taken, and would redeliver to
/// subscribers that already answered. One attempt, and the publisher decides.
/// </summary>
public sealed class SubscriberHttpClient : IDisposable
{
    public SubscriberHttpClient(IOptions<PubSubEmulatorOptions> options)
    {
        Http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseProxy = false,
        })
        {
            Timeout = options.Value.SubscriberTimeout,
        };
    }

    public HttpClient Http { get; }

    public void Dispose() => Http.Dispose();
}
