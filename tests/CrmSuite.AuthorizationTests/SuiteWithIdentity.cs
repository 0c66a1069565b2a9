extern alias clients;
extern alias identity;
extern alias warehouse;
using System.Net.Http.Headers;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ClientsMigrator = clients::CrmSuite.Clients.Api.Demo.ClientsMigrator;
using CrmUser = identity::CrmSuite.Identity.Users.CrmUser;
using IdentityDb = identity::CrmSuite.Identity.Infrastructure.IdentityDb;
using IdentityMigrator = identity::CrmSuite.Identity.Setup.IdentityMigrator;
using Team = identity::CrmSuite.Identity.Users.Team;
using TeamMember = identity::CrmSuite.Identity.Users.TeamMember;
using WarehouseMigrator = warehouse::CrmSuite.Warehouse.Api.Demo.WarehouseMigrator;

namespace CrmSuite.AuthorizationTests;

/// <summary>
/// Identity on real Kestrel (migrated and seeded by its `migrate` step) and the clients and
/// warehouse services in-process, each on its own fresh database, validating identity's real
/// tokens exactly as in production: discovery and keys fetched from identity, nothing trusted by
/// the test. Services ask identity about integration clients every second here (30 s by default).
/// </summary>
public sealed class SuiteWithIdentity : IAsyncLifetime
{
    public const string AdminPassword = "Admin-Start-2026";
    private const string GatewaySecret = "authz-tests-gateway-secret";

    private WebApplicationFactory<identity::Program>? _identity;
    private WebApplicationFactory<clients::Program>? _clients;
    private WebApplicationFactory<warehouse::Program>? _warehouse;

    public Uri IdentityAddress { get; private set; } = null!;

    public string AdminToken { get; private set; } = string.Empty;

    public OidcTestClient Oidc => new(IdentityAddress, GatewaySecret);

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var identityDb = await postgres.CreateDatabaseAsync("identity_suite");
        var clientsDb = await postgres.CreateDatabaseAsync("clients_suite");
        var warehouseDb = await postgres.CreateDatabaseAsync("warehouse_suite");
        IdentityAddress = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}/");
        Assert.Equal(0, await IdentityMigrator.RunAsync(
        [
            "migrate",
            $"--ConnectionStrings:identitydb={identityDb}",
            $"--Identity:Issuer={IdentityAddress}",
            $"--Identity:Clients:Gateway:Secret={GatewaySecret}",
            $"--Identity:Admin:Password={AdminPassword}",
        ]));
        Assert.Equal(0, await ClientsMigrator.RunAsync(["migrate", $"--ConnectionStrings:clientsdb={clientsDb}"]));
        Assert.Equal(0, await WarehouseMigrator.RunAsync(["migrate", $"--ConnectionStrings:warehousedb={warehouseDb}"]));

        _identity = new WebApplicationFactory<identity::Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Development");
            host.UseSetting("ConnectionStrings:identitydb", identityDb);
            host.UseSetting("Identity:Issuer", IdentityAddress.ToString());
            host.UseSetting("Kestrel:Endpoints:http:Url", IdentityAddress.GetLeftPart(UriPartial.Authority));
            host.UseSetting("Kestrel:Endpoints:grpc:Url", "http://127.0.0.1:0");
        });
        _identity.UseKestrel();
        _identity.StartServer();
        _clients = new WebApplicationFactory<clients::Program>().WithWebHostBuilder(host => TrustIdentity(host, "clientsdb", clientsDb));
        _warehouse = new WebApplicationFactory<warehouse::Program>().WithWebHostBuilder(host => TrustIdentity(host, "warehousedb", warehouseDb));
        _ = _clients.Server;
        _ = _warehouse.Server;

        AdminToken = (await Oidc.SignInAsync("admin", AdminPassword, "Admin-Chosen-2026")).AccessToken;
    }

    private void TrustIdentity(IWebHostBuilder host, string connectionName, string connectionString)
    {
        host.UseSetting($"ConnectionStrings:{connectionName}", connectionString);
        host.UseSetting("Identity:Issuer", IdentityAddress.ToString());
        host.UseSetting("Identity:InternalUrl", IdentityAddress.ToString());
        host.UseSetting("Identity:IntegrationStatus:RefreshInterval", "00:00:01");
    }

    /// <summary>A person as an administrator would have set them up: a role and, optionally, a team they belong to or head.</summary>
    public async Task<CrmUser> CreateUserAsync(string userName, string password, string role)
    {
        await using var scope = _identity!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>();
        var user = new CrmUser { UserName = userName, DisplayName = userName, Language = "en", CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    public async Task CreateTeamAsync(string name, CrmUser head, params CrmUser[] members)
    {
        await using var scope = _identity!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var team = new Team { Id = Guid.NewGuid(), Name = name, HeadUserId = head.Id };
        team.Members.AddRange(members.Select(m => new TeamMember { TeamId = team.Id, UserId = m.Id }));
        db.Teams.Add(team);
        await db.SaveChangesAsync();
    }

    public HttpClient Identity(string token) => WithToken(new HttpClient { BaseAddress = IdentityAddress }, token);

    public HttpClient Clients(string token) => WithToken(_clients!.CreateClient(), token);

    public HttpClient Warehouse(string token) => WithToken(_warehouse!.CreateClient(), token);

    private static HttpClient WithToken(HttpClient http, string token)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (_clients is not null)
        {
            await _clients.DisposeAsync();
        }
        if (_warehouse is not null)
        {
            await _warehouse.DisposeAsync();
        }
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }
}
