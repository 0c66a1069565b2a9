using System.Security.Claims;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace CrmSuite.Gateway.Session;

/// <summary>Gives the current user's access token, refreshing it first when it is about to expire.</summary>
public sealed class UserAccessTokens(
    AuthenticationStateProvider authentication,
    IHttpContextAccessor httpContext,
    SessionTokenStore store,
    IHttpClientFactory clients,
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<UserAccessTokens> logger)
{
    /// <summary>How long before expiry a token is refreshed (tests set it above the lifetime to refresh on every call).</summary>
    private readonly TimeSpan _refreshAhead = TimeSpan.FromSeconds(configuration.GetValue("Gateway:TokenRefreshAheadSeconds", 60));

    public async Task<string?> GetAsync(CancellationToken cancellationToken = default)
    {
        // A plain request (or the circuit's own connection) has the user at hand; inside a circuit
        // the authentication state provider knows it.
        var user = httpContext.HttpContext?.User is { Identity.IsAuthenticated: true } requestUser
            ? requestUser
            : (await authentication.GetAuthenticationStateAsync()).User;
        return await GetAsync(user, cancellationToken);
    }

    public async Task<string?> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var sessionId = user.FindFirst(SessionTokenStore.SessionClaim)?.Value;
        var tokens = sessionId is null ? null : await store.GetAsync(sessionId, cancellationToken);
        if (tokens is null)
        {
            return null;
        }
        if (!NeedsRefresh(tokens))
        {
            return tokens.AccessToken;
        }
        // Another call (here or in another replica) may have refreshed while this one waited for the row.
        var current = await store.RefreshAsync(sessionId!,
            async held => NeedsRefresh(held) ? await RefreshAsync(held.RefreshToken!, cancellationToken) : held,
            cancellationToken);
        return current?.AccessToken;
    }

    private bool NeedsRefresh(SessionTokenStore.SessionTokens tokens) =>
        tokens.RefreshToken is not null && tokens.ExpiresAt - clock.GetUtcNow() <= _refreshAhead;

    private async Task<SessionTokenStore.SessionTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var http = clients.CreateClient(CrmAuthenticationExtensions.BackchannelClientName);
        using var response = await http.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = options.ClientId!,
            ["client_secret"] = options.ClientSecret!,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Refreshing the access token failed with {Status}; the user must sign in again", (int)response.StatusCode);
            return null;
        }
        logger.LogDebug("Access token refreshed");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var root = json.RootElement;
        return new SessionTokenStore.SessionTokens(
            root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var rt) ? rt.GetString() : refreshToken,
            clock.GetUtcNow().AddSeconds(root.TryGetProperty("expires_in", out var exp) ? exp.GetInt32() : 300));
    }
}
