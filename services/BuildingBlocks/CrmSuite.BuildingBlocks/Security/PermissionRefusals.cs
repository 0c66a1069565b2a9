using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace CrmSuite.BuildingBlocks.Security;

/// <summary>
/// A REST call refused for a missing permission answers 403 problem+json naming the permission the
/// call needs and the ones the token carries, instead of an empty body: an integration given
/// clients.* that uploads a file learns it lacks documents.write, not that "the API refuses".
/// gRPC calls and every other outcome keep ASP.NET Core's own handling.
/// </summary>
public sealed class PermissionRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var missing = authorizeResult.Forbidden && context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true
            ? authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ClaimsAuthorizationRequirement>()
                .Where(r => r.ClaimType == CrmClaims.Permission).SelectMany(r => r.AllowedValues ?? []).Distinct().ToList()
            : null;
        if (missing is not { Count: > 0 })
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
        var held = context.User.FindAll(CrmClaims.Permission).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        var detail = $"This call needs the permission {string.Join(" or ", missing)}, which your token does not carry "
            + (held.Count == 0 ? "(it carries none). " : $"(it carries {string.Join(", ", held)}). ")
            + "A person has the permissions of their roles; an integration client has those an administrator granted it and that it asked for as scopes.";
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You are not allowed to do this.", detail: detail,
            extensions: new Dictionary<string, object?> { ["missingPermissions"] = missing }).ExecuteAsync(context);
    }
}
