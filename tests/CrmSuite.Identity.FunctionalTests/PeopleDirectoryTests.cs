using System.Net;
using System.Net.Http.Headers;
using CrmSuite.Testing;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// The people directory behind the UI's pickers: any manager finds colleagues by name with their
/// teams, and learns nothing else about them (no emails, roles or account state).
/// </summary>
public sealed class PeopleDirectoryTests(IdentityService identity) : IClassFixture<IdentityService>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manager_finds_colleagues_by_name_with_their_teams_but_not_disabled_ones_nor_their_emails()
    {
        using var admin = identity.AsAdministrator();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var olga = await CreateAsync(admin, $"olga.{suffix}", $"Ольга Смирнова {suffix}", "SalesManager");
        var team = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/teams",
            new { name = $"Юг {suffix}", headUserId = olga, memberUserIds = new[] { olga } }, Ct), Ct);
        var gone = await CreateAsync(admin, $"gone.{suffix}", $"Ушедший Сотрудник {suffix}", "SalesManager");
        using (var disable = await admin.PutAsync($"/v1/users/{gone}", System.Net.Http.Json.JsonContent.Create(
            new { displayName = $"Ушедший Сотрудник {suffix}", roles = new[] { "SalesManager" }, disabled = true }, options: IdentityService.Json), Ct))
        {
            await IdentityService.ReadJsonAsync(disable, Ct);
        }
        await identity.CreateUserAsync($"ivan.{suffix}", "Иван", "Manager-Pass-2026", "SalesManager");
        using var manager = await SignedInAsync($"ivan.{suffix}", "Manager-Pass-2026");

        var found = await IdentityService.ReadJsonAsync(await manager.GetAsync($"/v1/people?query={Uri.EscapeDataString("смирнова " + suffix)}", Ct), Ct);

        var person = Assert.Single(found.GetProperty("people").EnumerateArray());
        Assert.Equal((olga, $"Ольга Смирнова {suffix}", $"olga.{suffix}"),
            (person.GetProperty("id").GetString(), person.GetProperty("displayName").GetString(), person.GetProperty("userName").GetString()));
        Assert.Equal([team.GetProperty("id").GetString()], person.GetProperty("teamIds").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["displayName", "id", "teamIds", "userName"], person.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains(found.GetProperty("teams").EnumerateArray(), t => t.GetProperty("name").GetString() == $"Юг {suffix}");

        var everyone = await IdentityService.ReadJsonAsync(await manager.GetAsync("/v1/people?pageSize=200", Ct), Ct);
        var ids = everyone.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains(olga, ids);
        Assert.DoesNotContain(gone, ids);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/v1/people?pageSize=500", Ct)).StatusCode);
    }

    private static async Task<string> CreateAsync(HttpClient admin, string userName, string displayName, string role)
    {
        var created = await IdentityService.ReadJsonAsync(await IdentityService.PostJsonAsync(admin, "/v1/users",
            new { userName, displayName, roles = new[] { role }, language = "ru" }, Ct), Ct);
        return created.GetProperty("user").GetProperty("id").GetString()!;
    }

    private async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var tokens = await new OidcTestClient(identity.Address, IdentityService.GatewaySecret).SignInAsync(userName, password, cancellationToken: Ct);
        var http = new HttpClient { BaseAddress = identity.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return http;
    }
}
