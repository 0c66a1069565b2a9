using System.Net;
using CrmSuite.Gateway.Session;
using CrmSuite.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.Tests;

/// <summary>
/// Scale-out (issue 15, item 4): the gateway keeps its staff sessions and data-protection keys in its
/// database. A person stays signed in across a gateway restart; two gateways on one database serve
/// the same session and accept each other's antiforgery tokens; unused sessions end and are deleted.
/// "Signed in" is proven with the session's own token: /culture/set stores the person's language at
/// identity over gRPC with the access token the session holds, and identity's database shows it.
/// </summary>
public sealed class GatewaySessionTests : IAsyncLifetime
{
    private GatewaySessionHosts _hosts = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _hosts = await GatewaySessionHosts.StartAsync();

    [Fact]
    public async Task A_signed_in_person_stays_signed_in_when_the_gateway_restarts()
    {
        var gateway = _hosts.StartGateway();
        var user = await _hosts.CreateUserAsync($"restart.{Guid.NewGuid():N}");
        using var browser = _hosts.Browser();
        await GatewaySessionHosts.SignInAsync(browser, user, Ct);
        await SetLanguageAsync(browser, _hosts.Issuer, "ru");
        Assert.Equal("ru", await _hosts.LanguageOfAsync(user));

        await _hosts.StopGatewayAsync(gateway);
        _hosts.StartGateway();

        await SetLanguageAsync(browser, _hosts.Issuer, "en");
        Assert.Equal("en", await _hosts.LanguageOfAsync(user));
    }

    [Fact]
    public async Task Two_gateways_on_one_database_serve_one_session_and_accept_each_others_antiforgery_tokens()
    {
        _hosts.StartGateway();
        var second = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}/");
        _hosts.StartGateway(second);
        var user = await _hosts.CreateUserAsync($"replicas.{Guid.NewGuid():N}");
        using var browser = _hosts.Browser();
        await GatewaySessionHosts.SignInAsync(browser, user, Ct);

        // The cookie the first gateway issued works on the second, with the session's tokens.
        await SetLanguageAsync(browser, second, "ru");
        Assert.Equal("ru", await _hosts.LanguageOfAsync(user));

        // The sign-out form rendered by the first gateway is posted to the second.
        var page = await browser.GetStringAsync(_hosts.Issuer, Ct);
        var token = GatewaySessionHosts.AntiforgeryField().Match(page);
        Assert.True(token.Success, "The staff UI renders the sign-out form with its antiforgery token: " + page[..Math.Min(page.Length, 3000)]);
        using var signOut = await browser.PostAsync(new Uri(second, "/account/signout"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith(_hosts.Issuer + "connect/endsession", signOut.Headers.Location!.ToString());

        // Signed out on both: the session is gone from the database.
        Assert.Equal(0, await _hosts.SessionCountAsync());
        await AssertAskedToSignInAsync(browser, _hosts.Issuer);
    }

    [Fact]
    public async Task A_session_unused_for_its_lifetime_ends_and_the_cleanup_deletes_it_while_a_used_one_lives_on()
    {
        var clock = new ShiftingClock();
        var gateway = _hosts.StartGateway(clock: clock);
        var idleUser = await _hosts.CreateUserAsync($"idle.{Guid.NewGuid():N}");
        var activeUser = await _hosts.CreateUserAsync($"active.{Guid.NewGuid():N}");
        using var idle = _hosts.Browser();
        using var active = _hosts.Browser();
        await GatewaySessionHosts.SignInAsync(idle, idleUser, Ct);
        await GatewaySessionHosts.SignInAsync(active, activeUser, Ct);
        Assert.Equal(2, await _hosts.SessionCountAsync());

        // Past half its lifetime a used session is extended (its access token is refreshed too).
        clock.Advance(SessionTokenStore.Lifetime * 0.6);
        await SetLanguageAsync(active, _hosts.Issuer, "ru");
        clock.Advance(SessionTokenStore.Lifetime * 0.6);

        var store = gateway.Services.GetRequiredService<SessionTokenStore>();
        Assert.Equal(1, await store.DeleteEndedAsync(Ct));
        Assert.Equal(1, await _hosts.SessionCountAsync());
        await AssertAskedToSignInAsync(idle, _hosts.Issuer);
        await SetLanguageAsync(active, _hosts.Issuer, "en");
        Assert.Equal("en", await _hosts.LanguageOfAsync(activeUser));
    }

    [Fact]
    public async Task Identity_still_knows_a_signed_in_person_after_it_restarts()
    {
        _hosts.StartGateway();
        var user = await _hosts.CreateUserAsync($"identity.{Guid.NewGuid():N}");
        using var browser = _hosts.Browser();
        await GatewaySessionHosts.SignInAsync(browser, user, Ct);

        await _hosts.RestartIdentityAsync();

        // Its sign-in cookie is protected with the keys in identitydb: a new sign-in needs no password.
        await GatewaySessionHosts.SignInAsync(browser, user, Ct, passwordPage: false);
        Assert.Equal(2, await _hosts.SessionCountAsync());
    }

    private static async Task SetLanguageAsync(HttpClient browser, Uri gateway, string language)
    {
        using var response = await browser.GetAsync(new Uri(gateway, $"/culture/set?culture={language}&redirectUri=%2F"), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/",
            $"Expected the signed-in redirect to /, got {(int)response.StatusCode} to {response.Headers.Location}");
    }

    private async Task AssertAskedToSignInAsync(HttpClient browser, Uri gateway)
    {
        using var response = await browser.GetAsync(new Uri(gateway, "/culture/set?culture=ru&redirectUri=%2F"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(_hosts.Issuer + "connect/authorize", response.Headers.Location!.ToString());
    }

    public async ValueTask DisposeAsync() => await _hosts.DisposeAsync();

    /// <summary>The system clock moved forward by the test (the cookie handler and the session store read it).</summary>
    private sealed class ShiftingClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }
}
