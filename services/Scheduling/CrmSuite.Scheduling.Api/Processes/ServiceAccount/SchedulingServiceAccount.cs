using System.Text.Json.Serialization;
using CrmSuite.BuildingBlocks.Security;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Processes.ServiceAccount;

/// <summary>The scheduling service's own account at identity (Scheduling:ServiceAccount).</summary>
public sealed class ServiceAccountOptions
{
    public const string Section = "Scheduling:ServiceAccount";
    public const string SecretSetting = Section + ":Secret";

    /// <summary>Identity registers this client at setup (Identity:Clients:Scheduling:Secret).</summary>
    public string ClientId { get; set; } = "crmsuite-scheduling";
    /// <summary>The same value as identity's Identity:Clients:Scheduling:Secret; empty: the steps that need the account fail naming this setting.</summary>
    public string Secret { get; set; } = string.Empty;
    /// <summary>A token is renewed this long before it expires, so no call carries one that lapses on the way.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsValid() => ClientId.Length > 0 && RenewBefore >= TimeSpan.Zero;
}

/// <summary>Why the service account has no token: no secret configured, or identity refused or did not answer.</summary>
public sealed class ServiceAccountUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The process engine acts with no person behind it; the clients and documents services accept
/// people's and clients' tokens, so the engine calls them as its own client (client credentials
/// at identity's token endpoint, reached like the token validation's discovery: the issuer,
/// rewritten to identity's internal address by the back-channel handler). One token per replica,
/// reused until <see cref="ServiceAccountOptions.RenewBefore"/> its expiry.
/// </summary>
public sealed class SchedulingServiceAccount(
    IHttpClientFactory http,
    IdentityEndpoints identity,
    IOptions<ServiceAccountOptions> options,
    TimeProvider clock,
    ILogger<SchedulingServiceAccount> logger)
{
    /// <summary>Exactly what identity grants this client: its data permissions, never an administrative one.</summary>
    public const string Scopes = "crm_api clients.read clients.write documents.read documents.write";

    private readonly SemaphoreSlim _renewing = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    /// <summary>Call headers with the account's bearer token.</summary>
    public async Task<Metadata> HeadersAsync(CancellationToken cancellationToken) =>
        new() { { "Authorization", "Bearer " + await TokenAsync(cancellationToken) } };

    /// <summary>
    /// Drops the kept token after a service refused it (Unauthenticated: identity's keys rotated, the
    /// account re-registered), so the next attempt asks identity again instead of reusing it until it expires.
    /// </summary>
    public void Forget() => _current = null;

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && clock.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }
        await _renewing.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && clock.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.Token;
            }
            var settings = options.Value;
            if (string.IsNullOrEmpty(settings.Secret))
            {
                logger.LogWarning("The process engine has no service account: {Setting} is not set (the value of identity's Identity:Clients:Scheduling:Secret)",
                    ServiceAccountOptions.SecretSetting);
                throw new ServiceAccountUnavailableException($"{ServiceAccountOptions.SecretSetting} is not set");
            }
            var response = await RequestAsync(settings, cancellationToken);
            var lifetime = TimeSpan.FromSeconds(Math.Max(response.ExpiresIn, 0));
            _current = (response.AccessToken, clock.GetUtcNow() + lifetime - (lifetime > settings.RenewBefore * 2 ? settings.RenewBefore : lifetime / 2));
            return response.AccessToken;
        }
        finally
        {
            _renewing.Release();
        }
    }

    private async Task<TokenResponse> RequestAsync(ServiceAccountOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.CreateClient(CrmAuthenticationExtensions.BackchannelClientName).PostAsync(new Uri(identity.Issuer, "connect/token"),
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials", ["client_id"] = settings.ClientId, ["client_secret"] = settings.Secret, ["scope"] = Scopes,
                }), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                logger.LogWarning("Identity refused a token to the service account {ClientId}: {Status} {Body} (check {Setting} against identity's Identity:Clients:Scheduling:Secret)",
                    settings.ClientId, (int)response.StatusCode, body, ServiceAccountOptions.SecretSetting);
                throw new ServiceAccountUnavailableException($"identity refused the service account {settings.ClientId} a token ({(int)response.StatusCode}); check {ServiceAccountOptions.SecretSetting}");
            }
            return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new ServiceAccountUnavailableException("identity answered the token request with nothing");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Identity could not be reached for the service account's token");
            throw new ServiceAccountUnavailableException($"identity could not be reached: {e.Message}", e);
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
