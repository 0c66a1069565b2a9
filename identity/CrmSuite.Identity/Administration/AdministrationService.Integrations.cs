using System.Security.Cryptography;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Contracts;
using CrmSuite.Identity.Integrations;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;

namespace CrmSuite.Identity.Administration;

/// <summary>Integration clients: machine callers with a shared secret and data permissions only.</summary>
public sealed partial class AdministrationService
{
    private const string KindProperty = IntegrationClients.KindProperty;
    private const string IntegrationKind = IntegrationClients.IntegrationKind;
    private const string RevokedProperty = IntegrationClients.RevokedProperty;
    private const string CreatedProperty = IntegrationClients.CreatedProperty;

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<ListIntegrationClientsResponse> ListIntegrationClients(ListIntegrationClientsRequest request, ServerCallContext context)
    {
        var response = new ListIntegrationClientsResponse();
        await foreach (var application in applications.ListAsync(cancellationToken: context.CancellationToken))
        {
            var properties = await applications.GetPropertiesAsync(application, context.CancellationToken);
            if (properties.TryGetValue(KindProperty, out var kind) && kind.GetString() == IntegrationKind)
            {
                response.Clients.Add(await ToMessageAsync(application, context.CancellationToken));
            }
        }
        return response;
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<IntegrationClientWithSecret> CreateIntegrationClient(CreateIntegrationClientRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Trim().Length > 100)
        {
            errors.Add("display_name", "A name of 1 to 100 characters, e.g. the system that will call the API.");
        }
        if (request.Permissions.Count == 0)
        {
            errors.Add("permissions", "Grant at least one permission.");
        }
        foreach (var unknown in request.Permissions.Where(p => !Permissions.All.Contains(p)))
        {
            errors.Add("permissions", $"Unknown permission '{unknown}'.");
        }
        CheckIntegrationPermissions(request.Permissions, errors);
        errors.ThrowIfAny();

        var clientId = "int-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName.Trim(),
            Permissions =
            {
                OpenIddictConstants.Permissions.Endpoints.Token,
                OpenIddictConstants.Permissions.GrantTypes.ClientCredentials,
                OpenIddictConstants.Permissions.Prefixes.Scope + "crm_api",
            },
            Properties =
            {
                [KindProperty] = JsonSerializer.SerializeToElement(IntegrationKind),
                [CreatedProperty] = JsonSerializer.SerializeToElement(DateTimeOffset.UtcNow),
            },
        };
        foreach (var permission in request.Permissions.Distinct())
        {
            descriptor.Permissions.Add(OpenIddictConstants.Permissions.Prefixes.Scope + permission);
        }
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        var application = await applications.CreateAsync(descriptor, context.CancellationToken);
        var client = await ToMessageAsync(application, context.CancellationToken);
        // The secret is shown once, to the administrator; the log gets what the client may do.
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.IntegrationCreated, IdentityActions.IntegrationEntity, client.ClientId,
            after: Snapshot(client));
        await audit.CommitAsync(transaction, context.CancellationToken);
        return new IntegrationClientWithSecret { Client = client, ClientSecret = secret };
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<IntegrationClient> RevokeIntegrationClient(RevokeIntegrationClientRequest request, ServerCallContext context)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId, context.CancellationToken);
        var properties = application is null ? null : await applications.GetPropertiesAsync(application, context.CancellationToken);
        if (application is null || properties is null || !properties.TryGetValue(KindProperty, out var kind) || kind.GetString() != IntegrationKind)
        {
            throw new RecordNotFoundException("Integration client", request.ClientId);
        }
        var before = Snapshot(await ToMessageAsync(application, context.CancellationToken));
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, context.CancellationToken);
        // Without the grant, the client can get no new token; the services refuse tokens already
        // issued once they next ask identity about the client (IntegrationClientStatus, within 30 s).
        descriptor.Permissions.Remove(OpenIddictConstants.Permissions.GrantTypes.ClientCredentials);
        descriptor.Properties[RevokedProperty] = JsonSerializer.SerializeToElement(true);
        await applications.UpdateAsync(application, descriptor, context.CancellationToken);
        var revoked = await ToMessageAsync(application, context.CancellationToken);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.IntegrationRevoked, IdentityActions.IntegrationEntity, revoked.ClientId,
            before, Snapshot(revoked));
        await audit.CommitAsync(transaction, context.CancellationToken);
        return revoked;
    }

    /// <summary>
    /// An integration authenticates with a shared secret only (no second factor, no lockout): it
    /// may hold data permissions, never administrative ones (<see cref="Permissions.Administrative"/>).
    /// </summary>
    private static void CheckIntegrationPermissions(IEnumerable<string> permissions, FieldErrors errors)
    {
        var refused = permissions.Where(Permissions.IsAdministrative).Distinct().Order(StringComparer.Ordinal).ToList();
        if (refused.Count > 0)
        {
            errors.Add("permissions", $"An integration client may not hold administrative permissions: {string.Join(", ", refused)}. "
                + "Only people administer users, roles, teams, integrations, the audit log and the client base's configuration.");
        }
    }

    private static object Snapshot(IntegrationClient client) => new
    {
        client.ClientId,
        client.DisplayName,
        Permissions = client.Permissions.Order(StringComparer.Ordinal).ToList(),
        client.Revoked,
    };

    private async Task<IntegrationClient> ToMessageAsync(object application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var created = descriptor.Properties.TryGetValue(CreatedProperty, out var at) ? at.GetDateTimeOffset() : DateTimeOffset.UnixEpoch;
        return new IntegrationClient
        {
            ClientId = descriptor.ClientId ?? string.Empty,
            DisplayName = descriptor.DisplayName ?? string.Empty,
            Permissions = { descriptor.Permissions.Where(p => p.StartsWith(OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[OpenIddictConstants.Permissions.Prefixes.Scope.Length..]).Where(Permissions.All.Contains) },
            Revoked = descriptor.Properties.ContainsKey(RevokedProperty),
            CreatedAt = Timestamp.FromDateTimeOffset(created),
        };
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
