using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmSuite.Testing;

/// <summary>
/// Signs a user in the way the gateway does (authorization code + PKCE as the gateway's client),
/// through the real sign-in pages, and returns the tokens. Used by tests to act as a person
/// through the APIs; browser tests use a real browser instead.
/// </summary>
public sealed partial class OidcTestClient(Uri gateway, string clientSecret)
{
    public sealed record Tokens(string AccessToken, string? RefreshToken);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Signs in; when the password must be changed first, changes it to <paramref name="newPassword"/>.</summary>
    public Task<Tokens> SignInAsync(string userName, string password, string? newPassword = null, CancellationToken cancellationToken = default) =>
        AuthorizationCodeAsync(gateway, "crm-gateway", clientSecret, new Uri(gateway, "/signin-oidc").ToString(),
            "openid profile roles offline_access crm_api", userName, password, newPassword, cancellationToken);

    /// <summary>
    /// Signs in as a native tool does (README: "Use the API as yourself"): the public client
    /// crmsuite-cli, no secret, PKCE S256, the code delivered to a loopback <paramref name="redirectUri"/>.
    /// </summary>
    public static Task<Tokens> NativeToolSignInAsync(Uri issuer, string redirectUri, string userName, string password, CancellationToken cancellationToken = default) =>
        AuthorizationCodeAsync(issuer, "crmsuite-cli", null, redirectUri, "openid offline_access crm_api", userName, password, null, cancellationToken);

    public static string NewVerifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static async Task<Tokens> AuthorizationCodeAsync(Uri issuer, string clientId, string? clientSecret, string redirectUri, string scopes,
        string userName, string password, string? newPassword, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = issuer };
        var verifier = NewVerifier();
        var authorize = $"/connect/authorize?client_id={clientId}&response_type=code&scope={Uri.EscapeDataString(scopes)}"
            + $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&code_challenge={Challenge(verifier)}&code_challenge_method=S256&state=test&nonce=test";

        var location = await FollowUntilAsync(http, authorize, stopAt: "/identity/login", redirectUri, cancellationToken);
        location = await PostFormAsync(http, location, new() { ["UserName"] = userName, ["Password"] = password }, cancellationToken);
        location = await FollowUntilAsync(http, location, stopAt: null, redirectUri, cancellationToken);
        if (location.Contains("/identity/change-password", StringComparison.Ordinal))
        {
            location = await PostFormAsync(http, location, new()
            {
                ["CurrentPassword"] = password,
                ["NewPassword"] = newPassword ?? throw new InvalidOperationException($"{userName} must change the password first."),
                ["ConfirmPassword"] = newPassword,
            }, cancellationToken);
            location = await FollowUntilAsync(http, location, stopAt: null, redirectUri, cancellationToken);
        }
        if (!location.StartsWith(redirectUri, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in of {userName} ended at {location} instead of the redirect with a code.");
        }
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(location).Query)["code"];
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code!,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
        };
        if (clientSecret is not null)
        {
            form["client_secret"] = clientSecret;
        }
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form), cancellationToken);
        var body = await token.Content.ReadAsStringAsync(cancellationToken);
        if (!token.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request failed: {(int)token.StatusCode} {body}");
        }
        using var json = JsonDocument.Parse(body);
        return new Tokens(json.RootElement.GetProperty("access_token").GetString()!,
            json.RootElement.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null);
    }

    /// <summary>An integration's token (client credentials), as the README tells an IT admin to get one.</summary>
    public async Task<string> ClientCredentialsAsync(string clientId, string secret, string scopes, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scopes,
        }), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Token request failed: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<string> FollowUntilAsync(HttpClient http, string location, string? stopAt, string redirectUri, CancellationToken cancellationToken)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            if (stopAt is not null && location.Contains(stopAt, StringComparison.Ordinal))
            {
                return location;
            }
            using var response = await http.GetAsync(location, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                return location;
            }
            var next = response.Headers.Location!;
            location = next.IsAbsoluteUri ? next.ToString() : new Uri(http.BaseAddress!, next).ToString();
            if (location.StartsWith(redirectUri, StringComparison.Ordinal))
            {
                return location;
            }
        }
        throw new InvalidOperationException("Too many redirects during sign-in.");
    }

    private static async Task<string> PostFormAsync(HttpClient http, string pageUrl, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var page = await http.GetStringAsync(pageUrl, cancellationToken);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        using var response = await http.PostAsync(pageUrl, new FormUrlEncodedContent(fields), cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = Regex.Match(html, "role=\"alert\"[^>]*>([^<]+)<").Groups[1].Value;
            throw new InvalidOperationException($"The form at {pageUrl} was refused: {(int)response.StatusCode} {error}");
        }
        var next = response.Headers.Location!;
        return next.IsAbsoluteUri ? next.ToString() : new Uri(http.BaseAddress!, next).ToString();
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
