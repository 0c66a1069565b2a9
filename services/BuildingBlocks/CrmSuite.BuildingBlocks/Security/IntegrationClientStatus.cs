using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSuite.BuildingBlocks.Security;

/// <summary>How often a service asks identity whether an integration client still counts.</summary>
public sealed class IntegrationClientStatusOptions
{
    public const string Section = "Identity:IntegrationStatus";

    /// <summary>
    /// An answer is reused for this long, so a revoked client's tokens stop within this time (plus
    /// the call) in every replica. 30 s keeps revocation well within a minute at one small call
    /// per integration per replica per 30 s.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Whether an integration client (client credentials: the token's subject is the client itself)
/// is still active, as identity says at <see cref="Path"/>.
/// Why this design: services validate tokens locally (signature, issuer, lifetime), which cannot
/// know that a client was revoked after its token was issued. Reference tokens or introspection
/// would cost a call to identity on every request; an event through the outbox would need a table
/// of revoked clients in every service's database. Instead each replica asks identity about each
/// integration client at most once per <see cref="IntegrationClientStatusOptions.RefreshInterval"/>,
/// with that client's own token as the credential (no service secret, no shared cache), and keeps
/// the answer in memory. People's tokens (through the gateway or a native tool) are not affected:
/// a disabled person loses access at the next refresh, within the access token's lifetime.
/// If identity cannot be reached, the last answer stands (revocation happens in identity, so
/// nothing new can be revoked meanwhile); with no answer at all the token is refused (deny by default).
/// </summary>
public sealed class IntegrationClientStatus(
    IHttpClientFactory clients,
    IdentityEndpoints endpoints,
    IOptionsMonitor<IntegrationClientStatusOptions> options,
    TimeProvider clock,
    ILogger<IntegrationClientStatus> logger)
{
    /// <summary>Identity's answer to "is my client still active?", asked with the client's own token.</summary>
    public const string Path = "connect/integration-status";

    /// <summary>The claim OpenIddict puts into every access token (RFC 9068): the client the token was issued to.</summary>
    public const string ClientIdClaim = "client_id";

    private readonly ConcurrentDictionary<string, Answer> _answers = new(StringComparer.Ordinal);

    private sealed record Answer(bool Active, DateTimeOffset At);

    public sealed record IntegrationStatusResponse(bool Active);

    /// <summary>An integration's token acts as the client itself: its subject is its client id.</summary>
    public static string? IntegrationClientId(ClaimsPrincipal principal)
    {
        var clientId = principal.FindFirst(ClientIdClaim)?.Value;
        return clientId is { Length: > 0 } && clientId == principal.FindFirst(CrmClaims.Subject)?.Value ? clientId : null;
    }

    public async Task<bool> IsActiveAsync(string clientId, string accessToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_answers.TryGetValue(clientId, out var known) && now - known.At < options.CurrentValue.RefreshInterval)
        {
            return known.Active;
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoints.Issuer, Path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await clients.CreateClient(CrmAuthenticationExtensions.BackchannelClientName).SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized)
            {
                // Identity does not accept this very token (e.g. it expired a moment ago): refuse it,
                // but say nothing about the client's other tokens.
                return false;
            }
            response.EnsureSuccessStatusCode();
            var active = (await response.Content.ReadFromJsonAsync<IntegrationStatusResponse>(cancellationToken))?.Active == true;
            _answers[clientId] = new Answer(active, now);
            return active;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not ask identity whether integration client {ClientId} is active; {Decision}", clientId,
                known is null ? "refusing its token" : "keeping the last answer");
            return known?.Active ?? false;
        }
    }
}
