using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmSuite.Gateway.Tests;

/// <summary>
/// The gateway's own protections, in-process: what it refuses before anything reaches identity or a
/// service. Identity is deliberately unreachable here, so a request that gets through answers 502.
/// </summary>
public sealed class GatewayEdgeTests : IAsyncDisposable
{
    private const int SignInPermits = 3;
    private readonly WebApplicationFactory<Program> _gateway;

    public GatewayEdgeTests()
    {
        var closedPort = ClosedPort();
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Identity:Issuer", "http://crm.test/");
            host.UseSetting("Identity:Clients:Gateway:Secret", "test-secret");
            host.UseSetting("ConnectionStrings:gatewaydb", GatewayTestDatabase.Shared);
            host.UseSetting("Gateway:SignInPermitsPerMinute", SignInPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseSetting("services:identity:http:0", $"http://127.0.0.1:{closedPort}");
            host.UseSetting("services:clients:http:0", $"http://127.0.0.1:{closedPort}");
        });
    }

    [Fact]
    public async Task Token_requests_beyond_the_limit_per_address_are_refused_with_429()
    {
        using var http = _gateway.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SignInPermits + 2; i++)
        {
            using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "guess", ["client_secret"] = "guess" + i,
            }), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(SignInPermits), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.All(statuses.Skip(SignInPermits), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task Password_guessing_on_the_sign_in_page_is_rate_limited_too()
    {
        using var http = _gateway.CreateClient();
        HttpStatusCode last = default;
        for (var i = 0; i < SignInPermits + 1; i++)
        {
            using var response = await http.PostAsync("/identity/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "admin", ["Password"] = "guess" + i,
            }), TestContext.Current.CancellationToken);
            last = response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    [Fact]
    public async Task An_unknown_API_path_is_a_JSON_404_not_the_sign_in_page()
    {
        using var http = _gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await http.GetAsync("/api/nothing/v1/here", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        using var http = _gateway.CreateClient();
        using var response = await http.GetAsync("/alive", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
