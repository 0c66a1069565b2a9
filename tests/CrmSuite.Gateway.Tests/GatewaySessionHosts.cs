extern alias identity;
using System.Net;
using System.Text.RegularExpressions;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using CrmUser = identity::CrmSuite.Identity.Users.CrmUser;
using IdentityDb = identity::CrmSuite.Identity.Infrastructure.IdentityDb;
using IdentityMigrator = identity::CrmSuite.Identity.Setup.IdentityMigrator;
using RoleCatalog = identity::CrmSuite.Identity.Users.RoleCatalog;

namespace CrmSuite.Gateway.Tests;

/// <summary>
/// The real identity (migrated by its `migrate` step) on Kestrel, and gateways on Kestrel started and
/// stopped at will against one gateway database: the first gateway's address is the issuer, as in
/// production where every replica sits behind one public address. People sign in through the real
/// OpenID Connect flow (identity's sign-in page, reached through the gateway).
/// </summary>
public sealed partial class GatewaySessionHosts : IAsyncDisposable
{
    public const string Password = "Session-Test-2026";
    private const string GatewaySecret = "session-tests-gateway-secret";
    private readonly List<WebApplicationFactory<Program>> _gateways = [];
    private WebApplicationFactory<identity::Program>? _identity;
    private string _identityDb = string.Empty;
    private Uri _identityHttp = null!;
    private Uri _identityGrpc = null!;

    /// <summary>The public address (the issuer) where the first gateway listens.</summary>
    public Uri Issuer { get; } = new($"http://127.0.0.1:{PostgresServer.FreePort()}/");

    public string GatewayDb { get; private set; } = string.Empty;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryField();

    public static async Task<GatewaySessionHosts> StartAsync()
    {
        var hosts = new GatewaySessionHosts();
        var postgres = await PostgresServer.SharedAsync();
        hosts._identityDb = await postgres.CreateDatabaseAsync("identity_sessions");
        hosts.GatewayDb = await GatewayTestDatabase.CreateAsync("gateway_sessions");
        hosts._identityHttp = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}/");
        hosts._identityGrpc = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}/");
        Assert.Equal(0, await IdentityMigrator.RunAsync(
        [
            "migrate",
            $"--ConnectionStrings:identitydb={hosts._identityDb}",
            $"--Identity:Issuer={hosts.Issuer}",
            $"--Identity:Clients:Gateway:Secret={GatewaySecret}",
            "--Identity:Admin:Password=Admin-Start-2026",
        ]));
        hosts.StartIdentity();
        return hosts;
    }

    private void StartIdentity()
    {
        _identity = new WebApplicationFactory<identity::Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Development");
            host.UseSetting("ConnectionStrings:identitydb", _identityDb);
            host.UseSetting("Identity:Issuer", Issuer.ToString());
            host.UseSetting("Kestrel:Endpoints:http:Url", _identityHttp.GetLeftPart(UriPartial.Authority));
            host.UseSetting("Kestrel:Endpoints:grpc:Url", _identityGrpc.GetLeftPart(UriPartial.Authority));
        });
        _identity.UseKestrel();
        _identity.StartServer();
    }

    /// <summary>Stops identity and starts it again on the same addresses and database.</summary>
    public async Task RestartIdentityAsync()
    {
        await _identity!.DisposeAsync();
        StartIdentity();
    }

    /// <summary>
    /// Starts a gateway on <paramref name="address"/> (the issuer's when null) against the shared
    /// gateway database; <paramref name="clock"/> stands in for the system clock.
    /// </summary>
    public WebApplicationFactory<Program> StartGateway(Uri? address = null, TimeProvider? clock = null)
    {
        address ??= Issuer;
        var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:gatewaydb", GatewayDb);
            host.UseSetting("Identity:Issuer", Issuer.ToString());
            host.UseSetting("Identity:Clients:Gateway:Secret", GatewaySecret);
            host.UseSetting("services:identity:http:0", _identityHttp.ToString());
            host.UseSetting("services:identity:grpc:0", _identityGrpc.ToString());
            host.UseSetting("Kestrel:Endpoints:http:Url", address.GetLeftPart(UriPartial.Authority));
            host.UseSetting("Kestrel:Endpoints:grpc:Url", "http://127.0.0.1:0");
            if (clock is not null)
            {
                host.ConfigureTestServices(services => services.AddSingleton(clock));
            }
        });
        gateway.UseKestrel();
        gateway.StartServer();
        _gateways.Add(gateway);
        return gateway;
    }

    public async Task StopGatewayAsync(WebApplicationFactory<Program> gateway)
    {
        _gateways.Remove(gateway);
        await gateway.DisposeAsync();
    }

    /// <summary>A person with a role, who signs in without having to change the password first.</summary>
    public async Task<string> CreateUserAsync(string userName)
    {
        await using var scope = _identity!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>();
        var user = new CrmUser { UserName = userName, DisplayName = userName, Language = "en", CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, RoleCatalog.SalesManager)).Succeeded);
        return userName;
    }

    /// <summary>The language identity keeps for the person (the gateway's /culture/set stores it with the person's token).</summary>
    public async Task<string> LanguageOfAsync(string userName)
    {
        await using var scope = _identity!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Language).SingleAsync();
    }

    /// <summary>The staff sessions the gateway database holds.</summary>
    public async Task<long> SessionCountAsync()
    {
        await using var connection = new NpgsqlConnection(GatewayDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM sessions", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A browser: cookies kept per host (any gateway port), redirects followed by the test.</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = Issuer,
        };

    /// <summary>Signs in through the gateway at the issuer: challenge, identity's sign-in page, the code back at /signin-oidc.</summary>
    /// <paramref name="passwordPage"/> false: identity must not ask for the password (it still knows the person).
    public static async Task SignInAsync(HttpClient browser, string userName, CancellationToken cancellationToken, bool passwordPage = true)
    {
        var location = new Uri(browser.BaseAddress!, "/account/signin?returnUrl=%2F");
        for (var hops = 0; hops < 20; hops++)
        {
            using var response = await browser.GetAsync(location, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Found)
            {
                var next = new Uri(location, response.Headers.Location!);
                if (location.AbsolutePath == "/signin-oidc")
                {
                    Assert.Equal("/", next.AbsolutePath);
                    return;
                }
                location = next;
                continue;
            }
            var page = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK && location.AbsolutePath.StartsWith("/identity/login", StringComparison.Ordinal),
                $"{(int)response.StatusCode} at {location}");
            Assert.True(passwordPage, "Identity asked for the password again.");
            using var posted = await browser.PostAsync(location, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = userName,
                ["Password"] = Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            }), cancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            location = new Uri(location, posted.Headers.Location!);
        }
        throw new InvalidOperationException("Too many redirects during sign-in.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }
}
