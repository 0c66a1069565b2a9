using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using CrmClaims = CrmSuite.BuildingBlocks.Security.CrmClaims;

namespace CrmSuite.AuthorizationTests;

/// <summary>What a caller needs to get past authorization: a requirement, and the schemes that may authenticate them.</summary>
public sealed record AccessRule(string Requires, string Schemes)
{
    public const string Anonymous = "anonymous";
    public const string Authenticated = "authenticated";

    public override string ToString() => Schemes.Length == 0 ? Requires : $"{Requires} (schemes: {Schemes})";
}

/// <summary>One routed endpoint of a service, keyed as in authorization-matrix.json.</summary>
public sealed record ServiceEndpoint(string Service, string Key, AccessRule Effective, IReadOnlyList<string> HttpMethods, string Route, GrpcMethodMetadata? Grpc)
{
    /// <summary>A gRPC method itself (POST /package.Service/Method over HTTP/2).</summary>
    public bool IsGrpcMethod => Grpc is not null && Route == Grpc.Method.FullName;

    /// <summary>A REST route that JSON transcoding maps to a gRPC method.</summary>
    public bool IsTranscodedRest => Grpc is not null && !IsGrpcMethod;
}

/// <summary>
/// Reads every endpoint a running host routes to, and works out its effective authorization the
/// way AuthorizationMiddleware does: [AllowAnonymous] wins; otherwise the [Authorize] data,
/// policies and requirement data combined; with none of them, the fallback policy.
/// </summary>
public static class EndpointCatalog
{
    public static async Task<IReadOnlyList<ServiceEndpoint>> ReadAsync(string service, IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var result = new List<ServiceEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint is not RouteEndpoint routed)
            {
                throw new InvalidOperationException($"{service}: '{endpoint.DisplayName}' is not a route endpoint; teach EndpointCatalog to key it.");
            }
            var route = "/" + (routed.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [];
            var grpc = endpoint.Metadata.GetMetadata<GrpcMethodMetadata>();
            var key = grpc is not null && route == grpc.Method.FullName
                ? $"{service}: {grpc.Method.FullName.TrimStart('/')}"
                : $"{service}: {(methods.Count == 0 ? "ANY" : string.Join(',', methods))} {route}";
            result.Add(new ServiceEndpoint(service, key, await EffectiveAsync(endpoint, policies), methods, route, grpc));
        }
        return result;
    }

    private static async Task<AccessRule> EffectiveAsync(Endpoint endpoint, IAuthorizationPolicyProvider provider)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return new AccessRule(AccessRule.Anonymous, string.Empty);
        }
        var policy = await AuthorizationPolicy.CombineAsync(
            provider,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        var requirementData = endpoint.Metadata.GetOrderedMetadata<IAuthorizationRequirementData>();
        if (requirementData.Count > 0)
        {
            var builder = new AuthorizationPolicyBuilder();
            foreach (var data in requirementData)
            {
                builder.AddRequirements([.. data.GetRequirements()]);
            }
            policy = policy is null ? builder.Build() : AuthorizationPolicy.Combine(policy, builder.Build());
        }
        policy ??= await provider.GetFallbackPolicyAsync();
        return policy is null ? new AccessRule(AccessRule.Anonymous, string.Empty) : Describe(policy);
    }

    private static AccessRule Describe(AuthorizationPolicy policy)
    {
        var needs = new List<string>();
        var authenticated = false;
        foreach (var requirement in policy.Requirements)
        {
            switch (requirement)
            {
                case DenyAnonymousAuthorizationRequirement:
                    authenticated = true;
                    break;
                case ClaimsAuthorizationRequirement { ClaimType: CrmClaims.Permission, AllowedValues: { } values }:
                    needs.Add(string.Join(" | ", values.Order(StringComparer.Ordinal)));
                    break;
                default:
                    // Anything else is spelled out, so the matrix has to say it explicitly.
                    needs.Add(requirement.ToString() ?? requirement.GetType().Name);
                    break;
            }
        }
        var requires = needs.Count > 0
            ? string.Join(" & ", needs.Distinct().Order(StringComparer.Ordinal))
            : authenticated ? AccessRule.Authenticated : "nothing (a policy without requirements)";
        return new AccessRule(requires, string.Join(',', policy.AuthenticationSchemes.Distinct().Order(StringComparer.Ordinal)));
    }
}
