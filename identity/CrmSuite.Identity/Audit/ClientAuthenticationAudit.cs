using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Identity.Integrations;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;

namespace CrmSuite.Identity.Audit;

/// <summary>
/// Audits what the token endpoint answers clients, just before the answer is written: every token
/// issued to an integration client (which client, its name, the scopes granted) and every failed
/// client authentication (a wrong secret, an unknown client, a revoked integration). A client
/// secret never leaves this handler.
/// </summary>
public sealed class ClientAuthenticationAudit(IdentityAudit audit, IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseScopedHandler<ClientAuthenticationAudit>()
            // Before OpenIddict writes the JSON response (and ends the request).
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyTokenResponseContext>.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        var clientId = context.Request?.ClientId;
        if (http is null || string.IsNullOrEmpty(clientId))
        {
            return;
        }
        var cancellationToken = http.RequestAborted;
        var integration = await applications.FindAsync(clientId, cancellationToken);
        if (context.Error is null)
        {
            if (integration is not null && context.Request!.IsClientCredentialsGrantType())
            {
                audit.Record(http, Actor(integration), IdentityActions.IntegrationTokenIssued, IdentityActions.IntegrationEntity, clientId,
                    details: new
                    {
                        ClientId = clientId,
                        Name = integration.DisplayName,
                        // The response names the scopes only when they differ from the request's; the
                        // token endpoint drops administrative ones (OidcEndpoints), so they are left out here too.
                        Scopes = (context.Response.Scope ?? context.Request!.Scope ?? string.Empty)
                            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(scope => !Permissions.IsAdministrative(scope)).ToArray(),
                    });
                await audit.SaveAsync(cancellationToken);
            }
            return;
        }
        if (context.Error is not (Errors.InvalidClient or Errors.UnauthorizedClient))
        {
            return;
        }
        var known = integration is not null || await applications.FindByClientIdAsync(clientId, cancellationToken) is not null;
        var reason = integration is { Revoked: true } ? "revoked-client"
            : !known ? "unknown-client"
            : context.Error == Errors.InvalidClient ? "wrong-secret"
            : "grant-not-allowed";
        audit.Record(http, integration is null ? AuditActor.Anonymous : Actor(integration), IdentityActions.ClientAuthenticationFailed,
            integration is null ? IdentityActions.ClientEntity : IdentityActions.IntegrationEntity, IdentityAudit.AttemptedName(clientId),
            details: new { ClientId = IdentityAudit.AttemptedName(clientId), Name = integration?.DisplayName, Reason = reason, context.Request!.GrantType },
            outcome: IdentityActions.Failure);
        await audit.SaveAsync(cancellationToken);
    }

    private static AuditActor Actor(IntegrationClientEntry integration) =>
        new(integration.ClientId, integration.DisplayName, IdentityActions.IntegrationEntity);
}
