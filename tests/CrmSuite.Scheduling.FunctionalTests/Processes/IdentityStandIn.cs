using System.Net;
using System.Net.Http.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Testing;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>
/// Identity's two back-channel answers the process engine's service account needs, without a real
/// identity: connect/token (client credentials for crmsuite-scheduling with its secret, as
/// identity's setup registers it) and connect/integration-status (asked by the clients service
/// about a client's token: a service account always counts). Installed as the primary handler of
/// the identity-backchannel HTTP client of the scheduling and clients hosts; the real back-channel
/// handler (issuer → identity's internal address) still runs in front of it.
/// </summary>
public sealed class IdentityStandIn
{
    public const string ClientId = "crmsuite-scheduling";
    public const string Secret = "scheduling-tests-secret";

    /// <summary>What identity's token for the account carries (TokenPrincipals.ForIntegration, IdentitySetup.SchedulingClientName).</summary>
    public static TestUser ServiceAccount { get; } = new(ClientId, "Business processes (Бизнес-процессы)", ClientVisibility.All,
        [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.DocumentsRead, Permissions.DocumentsWrite], [], []);

    private int _tokensIssued;
    private int _tokensRefused;

    public int TokensIssued => Volatile.Read(ref _tokensIssued);
    public int TokensRefused => Volatile.Read(ref _tokensRefused);

    /// <summary>A new handler per pipeline (the HTTP client factory disposes them); they share this stand-in's counts.</summary>
    public HttpMessageHandler Handler() => new StandInHandler(this);

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        if (request.Method == HttpMethod.Post && path.EndsWith("/connect/token", StringComparison.Ordinal))
        {
            var form = (await request.Content!.ReadAsStringAsync(cancellationToken)).Split('&')
                .Select(pair => pair.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
            if (form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("client_id") != ClientId
                || form.GetValueOrDefault("client_secret") != Secret)
            {
                Interlocked.Increment(ref _tokensRefused);
                // What OpenIddict answers a client whose credentials do not match.
                return Json(HttpStatusCode.Unauthorized, new { error = "invalid_client", error_description = "The specified client credentials are invalid." });
            }
            Interlocked.Increment(ref _tokensIssued);
            return Json(HttpStatusCode.OK, new { access_token = TestTokens.ForClient(ServiceAccount, TimeSpan.FromHours(1)), token_type = "Bearer", expires_in = 3600 });
        }
        if (request.Method == HttpMethod.Get && path.EndsWith("/" + IntegrationClientStatus.Path, StringComparison.Ordinal))
        {
            return request.Headers.Authorization?.Scheme == "Bearer"
                ? Json(HttpStatusCode.OK, new IntegrationClientStatus.IntegrationStatusResponse(true))
                : new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) => new(status) { Content = JsonContent.Create(body) };

    private sealed class StandInHandler(IdentityStandIn identity) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            identity.AnswerAsync(request, cancellationToken);
    }
}
