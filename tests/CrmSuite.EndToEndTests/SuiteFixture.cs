using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CrmSuite.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(CrmSuite.EndToEndTests.SuiteFixture))]

namespace CrmSuite.EndToEndTests;

/// <summary>
/// The whole suite as the AppHost runs it (PostgreSQL from the OS, migration steps, identity,
/// services, gateway), started once for this test assembly on a throw-away data directory. The
/// administrator signs in through the real sign-in pages and creates an integration client, whose
/// token the API tests use, as an IT admin would.
/// </summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    public const string AdminPassword = "Admin-Start-2026";
    public const string AdminNewPassword = "Admin-Chosen-2026";
    private const string GatewaySecret = "e2e-gateway-secret";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"crmsuite-e2e-{Guid.NewGuid():N}");
    private DistributedApplication? _app;
    private GrpcChannel? _channel;

    public Uri GatewayAddress { get; private set; } = null!;

    public OidcTestClient Oidc { get; private set; } = null!;

    public string AdminToken { get; private set; } = string.Empty;

    /// <summary>REST through the gateway with an integration client's token (clients.read, clients.write).</summary>
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The gateway's gRPC port, with the same integration token.</summary>
    public CallInvoker GatewayGrpc { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The SMTP server the documents service sends through (its Documents:Email points here), in this process.</summary>
    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrmSuite_AppHost>(
        [
            $"--Postgres:DataDirectory={_dataDir}",
            "--Postgres:Ephemeral=true",
            "--Postgres:Password=e2e-tests",
            $"--Identity:Admin:Password={AdminPassword}",
            $"--Identity:Clients:Gateway:Secret={GatewaySecret}",
            "--Gateway:SignInPermitsPerMinute=1000",
            // Above the token lifetime: the gateway refreshes the user's token before every call,
            // so every browser test also proves that refreshing works.
            "--Gateway:TokenRefreshAheadSeconds=3600",
        ]);
        builder.CreateResourceBuilder<ProjectResource>("documents")
            .WithEnvironment("Documents__Email__Host", "127.0.0.1")
            .WithEnvironment("Documents__Email__Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Documents__Email__From", "invoices@e2e.example")
            .WithEnvironment("Documents__Email__Tls", "None");
        // Health checks fail by design until each resource has started; their stack traces would
        // bury a real failure in the log CI keeps.
        builder.Services.AddLogging(logging => logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical));
        _app = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(cts.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);

        GatewayAddress = _app.GetEndpoint("gateway", "http");
        Anonymous = new HttpClient { BaseAddress = GatewayAddress };
        Oidc = new OidcTestClient(GatewayAddress, GatewaySecret);
        AdminToken = (await Oidc.SignInAsync("admin", AdminPassword, AdminNewPassword, cts.Token)).AccessToken;

        var integration = await CallAsAsync(AdminToken, HttpMethod.Post, "/api/identity/v1/integration-clients",
            new { displayName = "End-to-end tests", permissions = new[] { "clients.read", "clients.write" } });
        var clientId = integration.GetProperty("client").GetProperty("clientId").GetString()!;
        var secret = integration.GetProperty("clientSecret").GetString()!;
        var token = await Oidc.ClientCredentialsAsync(clientId, secret, "clients.read clients.write", cts.Token);

        Gateway = WithToken(token);
        _channel = GrpcChannel.ForAddress(_app.GetEndpoint("gateway", "grpc"));
        GatewayGrpc = WithToken(_channel, token);
    }

    public HttpClient WithToken(string token)
    {
        var http = new HttpClient { BaseAddress = GatewayAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public CallInvoker GrpcWithToken(string token) => WithToken(_channel!, token);

    /// <summary>Creates a user through the administration API and returns the one-time password.</summary>
    public async Task<string> CreateUserAsync(string userName, string role, string[]? teamIds = null) =>
        (await CreateUserWithIdAsync(userName, role, teamIds)).OneTimePassword;

    /// <summary>Creates a user through the administration API and returns their id and one-time password.</summary>
    public async Task<(string Id, string OneTimePassword)> CreateUserWithIdAsync(string userName, string role, string[]? teamIds = null)
    {
        var created = await CallAsAsync(AdminToken, HttpMethod.Post, "/api/identity/v1/users",
            new { userName, displayName = userName, roles = new[] { role }, teamIds = teamIds ?? [], language = "en" });
        return (created.GetProperty("user").GetProperty("id").GetString()!, created.GetProperty("oneTimePassword").GetString()!);
    }

    public async Task<JsonElement> CallAsAsync(string token, HttpMethod method, string path, object? body = null)
    {
        using var http = WithToken(token);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static CallInvoker WithToken(GrpcChannel channel, string token) => channel.Intercept(metadata =>
    {
        metadata.Add("Authorization", "Bearer " + token);
        return metadata;
    });

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        Gateway?.Dispose();
        Anonymous?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
