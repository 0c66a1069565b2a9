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
    /// <summary>A service's own account (crmsuite-scheduling): registered at setup, not listed or revoked by administrators.</summary>
    public const string ServiceKind = "service";
    public const string RevokedProperty = "crm_revoked";
    public const string CreatedProperty = "crm_created_at";

    public static bool IsIntegration(IReadOnlyDictionary<string, JsonElement> properties) => IsKind(properties, IntegrationKind);

    public static bool IsService(IReadOnlyDictionary<string, JsonElement> properties) => IsKind(properties, ServiceKind);

    private static bool IsKind(IReadOnlyDictionary<string, JsonElement> properties, string expected) =>
        properties.TryGetValue(KindProperty, out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == expected;

    /// <summary>Whether <paramref name="clientId"/> is a service's own account (its tokens count while its secret is the configured one).</summary>
    public static async Task<bool> IsServiceAccountAsync(this IOpenIddictApplicationManager applications, string? clientId, CancellationToken cancellationToken) =>
        !string.IsNullOrEmpty(clientId) && await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
        && IsService(await applications.GetPropertiesAsync(application, cancellationToken));

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
                var clientId = context.User.GetClaim(Claims.Subject);
                if (await applications.IsServiceAccountAsync(clientId, context.RequestAborted))
                {
                    // A service account is not revoked by hand: it stops when its secret changes.
                    return Results.Ok(new IntegrationClientStatus.IntegrationStatusResponse(true));
                }
                var client = await applications.FindAsync(clientId, context.RequestAborted);
                return client is null
                    ? Results.StatusCode(StatusCodes.Status403Forbidden)
                    : Results.Ok(new IntegrationClientStatus.IntegrationStatusResponse(!client.Revoked));
            })
            .RequireAuthorization(policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
}
