using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmSuite.Identity.Integrations;
using CrmSuite.Identity.Setup;
using CrmSuite.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// What identity lets clients do: PKCE with S256 only, integration clients without administrative
/// permissions, the native tools' public client on any loopback port, and an audit event for
/// every token issued to an integration and every failed client authentication.
/// </summary>
public sealed class ClientSecurityTests(IdentityService identity) : IClassFixture<IdentityService>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_offers_only_S256_and_an_authorization_request_with_plain_PKCE_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = identity.Address };
        var discovery = await IdentityService.ReadJsonAsync(await http.GetAsync("/.well-known/openid-configuration", Ct), Ct);
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));

        var redirect = new Uri(identity.Address, "/signin-oidc").ToString();
        using var plain = await http.GetAsync(Authorize(IdentitySetup.GatewayClientId, redirect, challenge: "a-verifier-sent-as-is-0123456789-0123456789", method: "plain"), Ct);

        await AssertRefusedAsync(plain, redirect);
    }

    [Theory]
    [InlineData("users.manage")]
    [InlineData("audit.read")]
    [InlineData("audit.alerts.read")]
    [InlineData("clients.configure")]
    public async Task An_integration_client_with_an_administrative_permission_is_refused_naming_it_and_nothing_is_created(string permission)
    {
        using var admin = identity.AsAdministrator();
        var before = await identity.OutboxCountAsync(Ct);
        var clientsBefore = (await IdentityService.ReadJsonAsync(await admin.GetAsync("/v1/integration-clients", Ct), Ct)).GetProperty("clients").GetArrayLength();

        using var response = await IdentityService.PostJsonAsync(admin, "/v1/integration-clients",
            new { displayName = "Too powerful " + permission, permissions = new[] { "clients.read", permission } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("permissions").EnumerateArray()).GetString()!;
        Assert.Contains(permission, message, StringComparison.Ordinal);
        Assert.DoesNotContain("clients.read", message, StringComparison.Ordinal);
        Assert.Equal(before, await identity.OutboxCountAsync(Ct));
        Assert.Equal(clientsBefore, (await IdentityService.ReadJsonAsync(await admin.GetAsync("/v1/integration-clients", Ct), Ct)).GetProperty("clients").GetArrayLength());
    }

    [Fact]
    public async Task An_older_integration_client_holding_users_manage_gets_a_token_without_it_and_cannot_administer()
    {
        // As created before integrations were limited to data permissions: straight in the store.
        var clientId = "int-legacy-" + Guid.NewGuid().ToString("N")[..8];
        const string Secret = "legacy-integration-secret-2026";
        await using (var scope = identity.Services.CreateAsyncScope())
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = Secret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "Legacy sync",
                Permissions =
                {
                    OpenIddictConstants.Permissions.Endpoints.Token,
                    OpenIddictConstants.Permissions.GrantTypes.ClientCredentials,
                    OpenIddictConstants.Permissions.Prefixes.Scope + "crm_api",
                    OpenIddictConstants.Permissions.Prefixes.Scope + "clients.read",
                    OpenIddictConstants.Permissions.Prefixes.Scope + "users.manage",
                    OpenIddictConstants.Permissions.Prefixes.Scope + "audit.read",
                },
                Properties = { [IntegrationClients.KindProperty] = JsonSerializer.SerializeToElement(IntegrationClients.IntegrationKind) },
            };
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor, Ct);
        }

        var token = await new OidcTestClient(identity.Address, IdentityService.GatewaySecret)
            .ClientCredentialsAsync(clientId, Secret, "clients.read users.manage audit.read", Ct);

        var claims = new JsonWebToken(token);
        Assert.Equal(["clients.read"], claims.Claims.Where(c => c.Type == "perm").Select(c => c.Value));
        Assert.DoesNotContain("users.manage", claims.GetPayloadValue<string>("scope").Split(' '));
        using var http = new HttpClient { BaseAddress = identity.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var users = await http.PostAsync("/v1/users", JsonContent(new { userName = "evil.admin", displayName = "Evil", roles = new[] { "Administrator" } }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Fact]
    public async Task Tokens_issued_to_an_integration_and_every_failed_client_authentication_are_audited_without_the_secret()
    {
        using var admin = identity.AsAdministrator();
        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/integration-clients",
            new { displayName = "1C exchange", permissions = new[] { "clients.read", "warehouse.read" } }, Ct), Ct);
        var clientId = created.GetProperty("client").GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;
        var oidc = new OidcTestClient(identity.Address, IdentityService.GatewaySecret);
        var unknownId = "int-nobody-" + Guid.NewGuid().ToString("N")[..8];

        await oidc.ClientCredentialsAsync(clientId, secret, "clients.read warehouse.read", Ct);
        await Assert.ThrowsAsync<HttpRequestException>(() => oidc.ClientCredentialsAsync(clientId, "Guessed-Secret-777", "clients.read", Ct));
        await Assert.ThrowsAsync<HttpRequestException>(() => oidc.ClientCredentialsAsync(unknownId, "Whatever-Secret-1", "clients.read", Ct));
        await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, $"/v1/integration-clients/{clientId}:revoke", new { }, Ct), Ct);
        await Assert.ThrowsAsync<HttpRequestException>(() => oidc.ClientCredentialsAsync(clientId, secret, "clients.read", Ct));

        var events = await identity.AuditEventsAsync(Ct);
        var ours = events.Where(e => e.EntityId == clientId && e.Action != "identity.integration.created" && e.Action != "identity.integration.revoked").ToList();
        Assert.Equal(["identity.integration.token-issued", "identity.client.authentication-failed", "identity.client.authentication-failed"], ours.Select(e => e.Action));
        var issued = ours[0];
        Assert.Equal((clientId, "1C exchange", "integration", "success"), (issued.ActorId, issued.Text("actorName"), issued.Text("entityType"), issued.Text("outcome")));
        var details = issued.Event.GetProperty("details");
        Assert.Equal((clientId, "1C exchange"), (details.GetProperty("clientId").GetString(), details.GetProperty("name").GetString()));
        Assert.Equal(["clients.read", "warehouse.read"], details.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
        Assert.Equal("127.0.0.1", issued.Text("ip"));
        Assert.Equal(["wrong-secret", "revoked-client"], ours.Skip(1).Select(e => e.Event.GetProperty("details").GetProperty("reason").GetString()));
        Assert.All(ours.Skip(1), e => Assert.Equal("failure", e.Text("outcome")));

        var unknown = Assert.Single(events, e => e.EntityId == unknownId);
        Assert.Equal(("identity.client.authentication-failed", "anonymous", "unknown-client"),
            (unknown.Action, unknown.ActorId, unknown.Event.GetProperty("details").GetProperty("reason").GetString()));
        Assert.DoesNotContain(events, e => e.Raw.Contains(secret, StringComparison.Ordinal)
            || e.Raw.Contains("Guessed-Secret-777", StringComparison.Ordinal) || e.Raw.Contains("Whatever-Secret-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identity_tells_an_integration_whether_its_client_still_counts()
    {
        using var admin = identity.AsAdministrator();
        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/integration-clients",
            new { displayName = "Status probe", permissions = new[] { "clients.read" } }, Ct), Ct);
        var clientId = created.GetProperty("client").GetProperty("clientId").GetString()!;
        var token = await new OidcTestClient(identity.Address, IdentityService.GatewaySecret)
            .ClientCredentialsAsync(clientId, created.GetProperty("clientSecret").GetString()!, "clients.read", Ct);
        using var http = new HttpClient { BaseAddress = identity.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var before = await IdentityService.ReadJsonAsync(await http.GetAsync("/connect/integration-status", Ct), Ct);
        await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, $"/v1/integration-clients/{clientId}:revoke", new { }, Ct), Ct);
        var after = await IdentityService.ReadJsonAsync(await http.GetAsync("/connect/integration-status", Ct), Ct);

        Assert.True(before.GetProperty("active").GetBoolean());
        Assert.False(after.GetProperty("active").GetBoolean());
        using var anonymous = await new HttpClient { BaseAddress = identity.Address }.GetAsync("/connect/integration-status", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/callback")]
    [InlineData("http://[::1]:{port}/callback")]
    public async Task A_native_tool_signs_a_person_in_on_a_loopback_port_of_its_own_choosing_without_a_secret(string redirectTemplate)
    {
        var user = await identity.CreateUserAsync("nina.cli." + Guid.NewGuid().ToString("N")[..6], "Nina", "Nina-Password-2026", "SalesManager");
        var redirect = redirectTemplate.Replace("{port}", PostgresServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var tokens = await OidcTestClient.NativeToolSignInAsync(identity.Address, redirect, user.UserName!, "Nina-Password-2026", Ct);

        var claims = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(IdentitySetup.NativeClientId, claims.GetPayloadValue<string>("client_id"));
        Assert.Equal("Nina", claims.GetPayloadValue<string>("name"));
        Assert.Contains(claims.Claims, c => c.Type == "perm" && c.Value == "clients.write");
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        using var http = new HttpClient { BaseAddress = identity.Address };
        using var refreshed = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = IdentitySetup.NativeClientId,
            ["refresh_token"] = tokens.RefreshToken!,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example:8080/callback", "S256")]
    [InlineData("http://localhost:8080/callback", "S256")]
    [InlineData("http://127.0.0.1:8080/other-path", "S256")]
    [InlineData("https://127.0.0.1:8080/callback", "S256")]
    [InlineData("http://127.0.0.1:8080/callback?next=evil", "S256")]
    [InlineData("http://127.0.0.1:8080/callback", "plain")]
    [InlineData("http://127.0.0.1:8080/callback", "")]
    public async Task A_native_tool_request_off_loopback_or_without_S256_PKCE_is_refused(string redirect, string method)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = identity.Address };
        var url = Authorize(IdentitySetup.NativeClientId, redirect, challenge: method.Length == 0 ? null : OidcTestClient.Challenge(OidcTestClient.NewVerifier()), method: method);

        using var response = await http.GetAsync(url, Ct);

        await AssertRefusedAsync(response, redirect);
    }

    /// <summary>
    /// Refused at once: an error page (400) or an error sent back to the redirect, never the
    /// sign-in page (where a person would go on to authorize it) and never a code.
    /// </summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, string redirect)
    {
        var location = response.Headers.Location?.ToString() ?? string.Empty;
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("/identity/login", location, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Contains("invalid_request", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(redirect, location, StringComparison.Ordinal);
            Assert.Contains("error=invalid_request", location, StringComparison.Ordinal);
        }
    }

    private static string Authorize(string clientId, string redirect, string? challenge, string method) =>
        $"/connect/authorize?client_id={clientId}&response_type=code&scope=openid%20offline_access%20crm_api&redirect_uri={Uri.EscapeDataString(redirect)}&state=s"
        + (challenge is null ? string.Empty : $"&code_challenge={challenge}")
        + (method.Length == 0 ? string.Empty : $"&code_challenge_method={method}");

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, IdentityService.Json), Encoding.UTF8, "application/json");
}
