using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CrmSuite.Testing;

/// <summary>
/// Identity's public face for services running as separate processes: the OpenID Connect
/// discovery document and the JWKS holding <see cref="TestTokens"/>' key, on a loopback port. The
/// service validates tokens exactly as in production; point it here with
/// <c>Identity__Issuer=TestTokens.Issuer</c> and <c>Identity__InternalUrl=<see cref="Url"/></c>.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestIssuer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(TestTokens.Key);
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } },
        });
        var discovery = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = TestTokens.Issuer,
            ["jwks_uri"] = TestTokens.Issuer + ".well-known/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        });
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(discovery, "application/json"));
        app.MapGet("/.well-known/jwks", () => Results.Text(jwks, "application/json"));
        await app.StartAsync();
        return new TestIssuer(app, new Uri(app.Urls.Single() + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
