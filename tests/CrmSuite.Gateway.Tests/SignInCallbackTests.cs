using System.Net;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSuite.Gateway.Tests;

/// <summary>
/// /signin-oidc over real HTTP (Kestrel on a loopback port) with a stand-in identity whose token
/// endpoint refuses every code, as identity refuses a code that was already redeemed. A person who
/// reloads, bookmarks or tampers with the callback sees a page asking them to sign in again,
/// in their language, never a 5xx; the gateway logs a warning, not an error.
/// </summary>
public sealed class SignInCallbackTests : IAsyncLifetime
{
    private const string Issuer = "http://crm.test/";
    private readonly CapturedLogs _logs = new();
    private WebApplication _identity = null!;
    private WebApplicationFactory<Program> _gateway = null!;
    private Uri _address = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _identity = await StartIdentityStandInAsync();
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Identity:Issuer", Issuer);
            host.UseSetting("Identity:Clients:Gateway:Secret", "test-secret");
            host.UseSetting("ConnectionStrings:gatewaydb", GatewayTestDatabase.Shared);
            host.UseSetting("services:identity:http:0", _identity.Urls.Single());
            // appsettings.json fixes the gateway's ports; loopback ports picked by the system instead.
            host.UseSetting("Kestrel:Endpoints:http:Url", "http://127.0.0.1:0");
            host.UseSetting("Kestrel:Endpoints:grpc:Url", "http://127.0.0.1:0");
            host.ConfigureLogging(logging => logging.AddProvider(_logs));
        });
        _gateway.UseKestrel();
        _gateway.StartServer();
        // The HTTP/1.1 endpoint (the other one speaks only HTTP/2, for gRPC).
        var addresses = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        _address = new Uri(await FirstHttp1Async(addresses) + "/");
    }

    [Fact]
    public async Task A_replayed_code_leads_to_the_sign_in_expired_page()
    {
        using var browser = Browser();
        var state = await StartSignInAsync(browser, "/clients");

        using var callback = await browser.GetAsync($"/signin-oidc?code=already-used&state={Uri.EscapeDataString(state)}", Ct);

        await AssertSignInExpiredPageAsync(browser, callback, expectedReturnUrl: "/clients");
    }

    [Fact]
    public async Task A_callback_without_state_leads_to_the_sign_in_expired_page()
    {
        using var browser = Browser();
        using var callback = await browser.GetAsync("/signin-oidc?code=abc", Ct);
        await AssertSignInExpiredPageAsync(browser, callback, expectedReturnUrl: "/");
    }

    [Fact]
    public async Task A_callback_with_garbage_state_leads_to_the_sign_in_expired_page()
    {
        using var browser = Browser();
        using var callback = await browser.GetAsync("/signin-oidc?code=abc&state=CfDJ8garbage-not-a-state", Ct);
        await AssertSignInExpiredPageAsync(browser, callback, expectedReturnUrl: "/");
    }

    [Fact]
    public async Task A_callback_whose_correlation_cookie_is_gone_leads_to_the_sign_in_expired_page_in_English()
    {
        using var first = Browser();
        var state = await StartSignInAsync(first, "/warehouse");
        // Later, in a browser that no longer has the sign-in's correlation cookie (expired, cleared, another browser).
        using var later = Browser(language: "en");

        using var callback = await later.GetAsync($"/signin-oidc?code=abc&state={Uri.EscapeDataString(state)}", Ct);

        await AssertSignInExpiredPageAsync(later, callback, expectedReturnUrl: "/warehouse", language: "en");
    }

    private async Task AssertSignInExpiredPageAsync(HttpClient browser, HttpResponseMessage callback, string expectedReturnUrl, string language = "ru")
    {
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var location = callback.Headers.Location!;
        Assert.StartsWith("/account/signin-expired", location.OriginalString);

        using var response = await browser.GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync(Ct);
        var button = Regex.Match(page, "<a class=\"button\" href=\"([^\"]+)\">([^<]+)</a>");
        Assert.True(button.Success, page);
        Assert.Equal("/account/signin?returnUrl=" + Uri.EscapeDataString(expectedReturnUrl), WebUtility.HtmlDecode(button.Groups[1].Value));
        Assert.Contains(language == "en" ? "Sign-in expired" : "Время входа истекло", page);
        Assert.Equal(language == "en" ? "Sign in again" : "Войти снова", button.Groups[2].Value);

        // The button starts a fresh sign-in at identity.
        using var again = await browser.GetAsync(WebUtility.HtmlDecode(button.Groups[1].Value), Ct);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith(Issuer + "connect/authorize", again.Headers.Location!.ToString());

        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Sign-in callback refused", StringComparison.Ordinal));
    }

    private static async Task<string> FirstHttp1Async(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            using var http = new HttpClient();
            try
            {
                using var response = await http.GetAsync(address + "/alive", Ct);
                if (response.IsSuccessStatusCode)
                {
                    return address;
                }
            }
            catch (HttpRequestException)
            {
            }
        }
        throw new InvalidOperationException("The gateway has no HTTP/1.1 endpoint.");
    }

    /// <summary>Starts a sign-in as the staff UI does; returns the state identity would echo back.</summary>
    private static async Task<string> StartSignInAsync(HttpClient browser, string returnUrl)
    {
        using var challenge = await browser.GetAsync("/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(Issuer + "connect/authorize", authorize.ToString());
        return HttpUtility.ParseQueryString(authorize.Query)["state"]!;
    }

    private HttpClient Browser(string? language = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        if (language is not null)
        {
            handler.CookieContainer.Add(_address, new Cookie(".AspNetCore.Culture", $"c={language}|uic={language}"));
        }
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = _address };
    }

    /// <summary>Identity as the gateway's back channel sees it: discovery, keys, and a token endpoint refusing the code.</summary>
    private static async Task<WebApplication> StartIdentityStandInAsync()
    {
        // Its own content root: the test's output folder holds the gateway's appsettings.json (and its ports).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "connect/authorize",
            ["token_endpoint"] = Issuer + "connect/token",
            ["end_session_endpoint"] = Issuer + "connect/endsession",
            ["jwks_uri"] = Issuer + ".well-known/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/.well-known/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        app.MapPost("/connect/token", () => Results.Json(
            new { error = "invalid_grant", error_description = "The specified authorization code has already been redeemed." },
            statusCode: StatusCodes.Status400BadRequest));
        await app.StartAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _identity.DisposeAsync();
    }
}
