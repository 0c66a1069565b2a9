using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CrmSuite.Identity.Oidc;

/// <summary>
/// OpenIddict matches a redirect_uri against the registered ones exactly. A native tool (the
/// command line, a desktop app) cannot register a port: it listens on whatever loopback port is
/// free and says so in its request. RFC 8252 §7.3: "the authorization server MUST allow any port
/// to be specified at the time of the request for loopback IP redirect URIs". So, for public
/// clients only, a registered loopback redirect (http://127.0.0.1/callback or http://[::1]/callback)
/// also matches the same address and path on any port; nothing else is relaxed: not "localhost"
/// (§8.3: it may resolve elsewhere), not another host, path, scheme, query or fragment.
/// The code is still bound to the exact redirect_uri of the request (checked again at the token
/// endpoint) and to the tool's PKCE verifier.
/// </summary>
public sealed class LoopbackRedirectApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application,
        [StringSyntax(StringSyntaxAttribute.Uri)] string uri, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateRedirectUriAsync(application, uri, cancellationToken))
        {
            return true;
        }
        if (!IsLoopbackIp(uri, out var requested)
            || !await HasClientTypeAsync(application, ClientTypes.Public, cancellationToken))
        {
            return false;
        }
        foreach (var registered in await GetRedirectUrisAsync(application, cancellationToken))
        {
            if (IsLoopbackIp(registered, out var allowed)
                && string.Equals(allowed.Host, requested.Host, StringComparison.OrdinalIgnoreCase)
                && string.Equals(allowed.AbsolutePath, requested.AbsolutePath, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>http on 127.0.0.1 or [::1], any port, a path, and nothing else (no user info, query or fragment).</summary>
    private static bool IsLoopbackIp(string uri, [NotNullWhen(true)] out Uri? parsed) =>
        Uri.TryCreate(uri, UriKind.Absolute, out parsed)
        && parsed.Scheme == Uri.UriSchemeHttp
        && parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(parsed.DnsSafeHost, out var address)
        && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback))
        && parsed.UserInfo.Length == 0
        && parsed.Query.Length == 0
        && parsed.Fragment.Length == 0;
}
