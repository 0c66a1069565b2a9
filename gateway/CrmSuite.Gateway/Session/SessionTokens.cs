using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace CrmSuite.Gateway.Session;

/// <summary>
/// The signed-in user's tokens stay on the server (the browser holds only a session cookie): the
/// UI's calls to services attach the access token, and it is refreshed shortly before it expires.
/// Kept in memory: a gateway restart asks users to sign in again; several gateway replicas need
/// sticky sessions (Blazor Server needs them anyway).
/// </summary>
public sealed class SessionTokenStore
{
    public const string SessionClaim = "crm_session";
    private readonly ConcurrentDictionary<string, SessionTokens> _sessions = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refreshLocks = new();

    public sealed record SessionTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);

    public string Add(SessionTokens tokens)
    {
        var id = Guid.NewGuid().ToString("N");
        _sessions[id] = tokens;
        return id;
    }

    public SessionTokens? Get(string sessionId) => _sessions.TryGetValue(sessionId, out var tokens) ? tokens : null;

    public void Replace(string sessionId, SessionTokens tokens) => _sessions[sessionId] = tokens;

    public void Remove(string sessionId)
    {
        _sessions.TryRemove(sessionId, out _);
        _refreshLocks.TryRemove(sessionId, out _);
    }

    /// <summary>
    /// One refresh at a time per session: refresh tokens are single-use, so two UI calls racing to
    /// refresh would make identity refuse the second and end the session.
    /// </summary>
    public SemaphoreSlim RefreshLock(string sessionId) => _refreshLocks.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
}

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
        var tokens = sessionId is null ? null : store.Get(sessionId);
        if (tokens is null)
        {
            return null;
        }
        if (!NeedsRefresh(tokens))
        {
            return tokens.AccessToken;
        }
        var gate = store.RefreshLock(sessionId!);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another call may have refreshed while this one waited.
            tokens = store.Get(sessionId!);
            if (tokens is null || !NeedsRefresh(tokens))
            {
                return tokens?.AccessToken;
            }
            var refreshed = await RefreshAsync(tokens.RefreshToken!, cancellationToken);
            if (refreshed is null)
            {
                store.Remove(sessionId!);
                return null;
            }
            store.Replace(sessionId!, refreshed);
            return refreshed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
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
