using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CrmSuite.Identity.Integrations;

/// <summary>An integration client as identity keeps it: an OpenIddict application marked as such.</summary>
public sealed record IntegrationClientEntry(object Application, string ClientId, string DisplayName, bool Revoked);

/// <summary>
/// Integration clients are OpenIddict applications with properties of ours: what kind of client,
/// when created, and whether revoked (revoking also removes the client credentials grant).
/// </summary>
public static class IntegrationClients
{
    public const string KindProperty = "crm_kind";
    public const string IntegrationKind = "integration";
    public const string RevokedProperty = "crm_revoked";
    public const string CreatedProperty = "crm_created_at";

    public static bool IsIntegration(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(KindProperty, out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == IntegrationKind;

    /// <summary>The integration client with this id; null for an unknown id or another kind of client (the gateway, native tools).</summary>
    public static async Task<IntegrationClientEntry?> FindAsync(this IOpenIddictApplicationManager applications, string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        if (!IsIntegration(properties))
        {
            return null;
        }
        var name = await applications.GetDisplayNameAsync(application, cancellationToken) ?? clientId;
        return new IntegrationClientEntry(application, clientId, name, properties.ContainsKey(RevokedProperty));
    }

    /// <summary>
    /// Services ask here, with an integration's own access token, whether its client still counts
    /// (see IntegrationClientStatus in BuildingBlocks): a revoked client's tokens stop everywhere
    /// within the services' refresh interval, not only when they expire.
    /// </summary>
    public static void MapIntegrationStatus(this WebApplication app) =>
        app.MapGet("/" + IntegrationClientStatus.Path, async (HttpContext context, IOpenIddictApplicationManager applications) =>
            {
                var client = await applications.FindAsync(context.User.GetClaim(Claims.Subject), context.RequestAborted);
                return client is null
                    ? Results.StatusCode(StatusCodes.Status403Forbidden)
                    : Results.Ok(new IntegrationClientStatus.IntegrationStatusResponse(!client.Revoked));
            })
            .RequireAuthorization(policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
}
