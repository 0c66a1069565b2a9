using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CrmSuite.Testing;
using Microsoft.Playwright;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// README "Use the API as yourself" in Chromium: a desktop tool opens the authorize address, the
/// person signs in on the page, and the browser lands on the tool's loopback callback with a code
/// that the tool exchanges for a token. The browser enforces the page's Content-Security-Policy on
/// the redirects after the sign-in form, which a plain HTTP client does not.
/// </summary>
public sealed class CliSignInBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    [Fact]
    public async Task Signing_in_for_a_desktop_tool_lands_on_its_loopback_callback_with_a_code_that_buys_a_token()
    {
        var port = FreePort();
        var redirectUri = $"http://127.0.0.1:{port}/callback";
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        // The tool answers its callback at once, as a desktop tool does ("you may close this window").
        var callback = AnswerCallbackAsync(listener);

        var verifier = OidcTestClient.NewVerifier();
        var page = await browser.NewPageAsync(suite.GatewayAddress);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await page.GotoAsync($"/connect/authorize?client_id=crmsuite-cli&response_type=code&scope=openid%20offline_access%20crm_api"
            + $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&code_challenge={OidcTestClient.Challenge(verifier)}&code_challenge_method=S256&state=readme");
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(SuiteFixture.AdminNewPassword);
        await page.GetByTestId("login-submit").ClickAsync();

        var finished = await Task.WhenAny(callback, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.True(finished == callback, $"the browser never reached the tool's callback; it shows {page.Url}; console: {string.Join(" | ", violations)}");
        var query = await callback;
        var code = query["code"];
        Assert.Equal("readme", query["state"]);
        Assert.False(string.IsNullOrEmpty(code));
        Assert.Empty(violations);

        using var http = new HttpClient { BaseAddress = suite.GatewayAddress };
        using var exchange = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = "crmsuite-cli", ["redirect_uri"] = redirectUri,
            ["code"] = code!, ["code_verifier"] = verifier,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        var tokens = await exchange.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        // The token reads the client base with the person's own rights.
        using var asPerson = suite.WithToken(tokens.GetProperty("access_token").GetString()!);
        using var companies = await asPerson.GetAsync("/api/clients/v1/companies?pageSize=1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, companies.StatusCode);
        await page.CloseAsync();
    }

    private static async Task<System.Collections.Specialized.NameValueCollection> AnswerCallbackAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        var query = context.Request.QueryString;
        context.Response.StatusCode = 200;
        context.Response.Close();
        return query;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
