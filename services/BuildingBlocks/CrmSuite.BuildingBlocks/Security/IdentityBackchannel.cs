using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.ServiceDiscovery;

namespace CrmSuite.BuildingBlocks.Security;

/// <summary>Where identity is: its public issuer (the gateway's address) and its address inside the cluster.</summary>
public sealed record IdentityEndpoints(Uri Issuer, Uri Internal)
{
    public static IdentityEndpoints FromConfiguration(IConfiguration configuration)
    {
        var issuer = configuration["Identity:Issuer"]
            ?? throw new InvalidOperationException("Identity:Issuer (the public address of the gateway) is not configured.");
        var internalUrl = configuration["Identity:InternalUrl"] ?? "http://identity";
        return new IdentityEndpoints(WithSlash(issuer), WithSlash(internalUrl));
    }

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}

/// <summary>
/// Discovery documents name identity's public address (the issuer: the gateway). Inside the
/// cluster that address may be unreachable (or a needless hop), so back-channel calls to it go to
/// identity's internal address, resolved by service discovery. Tokens keep the public issuer.
/// </summary>
public sealed class IdentityBackchannelHandler(IdentityEndpoints endpoints, ServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (endpoints.Issuer.IsBaseOf(uri))
        {
            var relative = endpoints.Issuer.MakeRelativeUri(uri);
            var source = await resolver.GetEndpointsAsync(endpoints.Internal.GetLeftPart(UriPartial.Authority), cancellationToken);
            var target = source.Endpoints.Count > 0 ? BaseUri(source.Endpoints[0].EndPoint) : endpoints.Internal;
            request.RequestUri = new Uri(target, relative);
            // Identity writes its endpoint addresses from the request's host: make them the public ones,
            // as when the call comes through the gateway.
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", endpoints.Issuer.Authority);
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", endpoints.Issuer.Scheme);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private static Uri BaseUri(System.Net.EndPoint endPoint) => endPoint switch
    {
        UriEndPoint uri => new Uri(uri.Uri.GetLeftPart(UriPartial.Authority) + "/"),
        System.Net.IPEndPoint ip => new Uri($"http://{ip}/"),
        System.Net.DnsEndPoint dns => new Uri($"http://{dns.Host}:{dns.Port}/"),
        _ => throw new InvalidOperationException($"Cannot call identity at {endPoint}."),
    };
}
