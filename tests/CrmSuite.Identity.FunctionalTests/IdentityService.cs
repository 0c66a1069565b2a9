using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmSuite.Identity.Setup;
using CrmSuite.Identity.Users;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// Identity in-process on real Kestrel (so the request's IP is a real peer address, as an auditor
/// sees it) against its own fresh database on the real PostgreSQL, migrated and seeded by the same
/// `migrate` step the AppHost and Kubernetes run. The first administrator signs in through the
/// real pages (authorization code + PKCE as the gateway) for the administration API. One per test class.
/// </summary>
public sealed partial class IdentityService : IAsyncLifetime
{
    public const string AdminPassword = "Admin-Start-2026";
    public const string AdminNewPassword = "Admin-Chosen-2026";
    public const string GatewaySecret = "identity-tests-gateway-secret";
    public const string SchedulingSecret = "identity-tests-scheduling-secret";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private WebApplicationFactory<Program>? _factory;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Identity's HTTP/1.1 address; also the issuer (the gateway's address in production).</summary>
    public Uri Address { get; private set; } = null!;

    public string AdminToken { get; private set; } = string.Empty;

    public IServiceProvider Services => _factory!.Services;

    public string AdminId { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        ConnectionString = await postgres.CreateDatabaseAsync("identity");
        Address = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}/");
        var exit = await IdentityMigrator.RunAsync(
        [
            "migrate",
            $"--ConnectionStrings:identitydb={ConnectionString}",
            $"--Identity:Issuer={Address}",
            $"--Identity:Clients:Gateway:Secret={GatewaySecret}",
            $"--Identity:Clients:Scheduling:Secret={SchedulingSecret}",
            $"--Identity:Admin:Password={AdminPassword}",
        ]);
        Assert.Equal(0, exit);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            // Development: throw-away signing keys and plain HTTP, as in a local run.
            host.UseEnvironment("Development");
            host.UseSetting("ConnectionStrings:identitydb", ConnectionString);
            host.UseSetting("Identity:Issuer", Address.ToString());
            host.UseSetting("Kestrel:Endpoints:http:Url", Address.GetLeftPart(UriPartial.Authority));
            host.UseSetting("Kestrel:Endpoints:grpc:Url", "http://127.0.0.1:0");
        });
        _factory.UseKestrel();
        _factory.StartServer();

        AdminToken = (await new OidcTestClient(Address, GatewaySecret).SignInAsync("admin", AdminPassword, AdminNewPassword)).AccessToken;
        await using var scope = _factory.Services.CreateAsyncScope();
        AdminId = (await scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>().FindByNameAsync("admin"))!.Id;
    }

    /// <summary>A user as an administrator would have set them up, straight in the store (no audit event of its own).</summary>
    public async Task<CrmUser> CreateUserAsync(string userName, string displayName, string password, string role, bool mustChangePassword = false)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>();
        var user = new CrmUser { UserName = userName, DisplayName = displayName, Language = "en", MustChangePassword = mustChangePassword, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>A browser of its own: cookies, no automatic redirects, the given User-Agent.</summary>
    public HttpClient Browser(string userAgent)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }, disposeHandler: true)
        {
            BaseAddress = Address,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return http;
    }

    /// <summary>Fills in and submits a form of the sign-in pages like a person: the page first (antiforgery cookie and field), then the post.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(HttpClient browser, string page, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var html = await browser.GetStringAsync(page, cancellationToken);
        var antiforgery = AntiforgeryField().Match(html);
        Assert.True(antiforgery.Success, $"{page} has no antiforgery field.");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value);
        return await browser.PostAsync(page, new FormUrlEncodedContent(fields), cancellationToken);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password, CancellationToken cancellationToken) =>
        SubmitFormAsync(browser, "/identity/login", new() { ["UserName"] = userName, ["Password"] = password }, cancellationToken);

    /// <summary>The administration REST API as the signed-in first administrator.</summary>
    public HttpClient AsAdministrator()
    {
        var http = new HttpClient { BaseAddress = Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return http;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, object body, CancellationToken cancellationToken) =>
        http.PostAsJsonAsync(path, body, Json, cancellationToken);

    /// <summary>The outbox's audit events as the audit service will receive them, oldest first.</summary>
    public async Task<List<AuditRecord>> AuditEventsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT payload::text FROM outbox_messages WHERE topic = 'audit' ORDER BY occurred_at, id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var text = reader.GetString(0);
            events.Add(new AuditRecord(JsonDocument.Parse(text).RootElement.Clone(), text));
        }
        return events;
    }

    public async Task<long> OutboxCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

/// <summary>One audit event: parsed, and as the raw JSON that leaves the service (for "never contains" checks).</summary>
public sealed record AuditRecord(JsonElement Event, string Raw)
{
    public string Action => Text("action");
    public string ActorId => Text("actorId");
    public string EntityId => Text("entityId");

    public string Text(string property) => Event.GetProperty(property).GetString() ?? string.Empty;
}
