extern alias identity;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Testing;
using RoleCatalog = identity::CrmSuite.Identity.Users.RoleCatalog;

namespace CrmSuite.AuthorizationTests;

/// <summary>
/// The ownership column of the matrix, in short: a company owned by a sales manager of the north
/// team, read by callers of each visibility whose claims come from RoleCatalog. The details
/// (lists, search, sharing, reassignment, gRPC) are in
/// tests/CrmSuite.Clients.FunctionalTests/ClientVisibilityTests.cs.
/// </summary>
public sealed class OwnershipTests(ClientsWithDatabase clients) : IClassFixture<ClientsWithDatabase>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TestUser User(string id, string role, string[] teams, string[] headed)
    {
        var definition = RoleCatalog.Find(role)!;
        return new TestUser(id, id, RoleCatalog.VisibilityOf([role], headsATeam: headed.Length > 0), [.. definition.Permissions], teams, headed);
    }

    private static readonly TestUser Owner = User("owner-north", RoleCatalog.SalesManager, ["team-north"], []);

    public static TheoryData<string, string, string, string[], string[], HttpStatusCode> Readers => new()
    {
        // visibility, who, role, teams, headed teams, GET /v1/companies/{id}
        { ClientVisibility.Own, "another manager of the same team", RoleCatalog.SalesManager, ["team-north"], [], HttpStatusCode.NotFound },
        { ClientVisibility.Team, "the head of the owner's team", RoleCatalog.SalesManager, ["team-north"], ["team-north"], HttpStatusCode.OK },
        { ClientVisibility.Team, "the head of another team", RoleCatalog.SalesManager, ["team-south"], ["team-south"], HttpStatusCode.NotFound },
        { ClientVisibility.All, "a director", RoleCatalog.Director, [], [], HttpStatusCode.OK },
        { ClientVisibility.All, "an accountant (read-only)", RoleCatalog.Accountant, [], [], HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task A_company_owned_by_another_manager_is_visible_only_to_a_wide_enough_visibility(
        string visibility, string who, string role, string[] teams, string[] headed, HttpStatusCode expected)
    {
        using var owner = clients.Http(Owner);
        var created = await owner.PostAsJsonAsync("/v1/companies", new { name = $"Owned by {Owner.Id} ({Guid.NewGuid():N})" }, Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var reader = User("reader-" + Guid.NewGuid().ToString("N")[..8], role, teams, headed);
        Assert.Equal(visibility, reader.Visibility);
        using var http = clients.Http(reader);
        var response = await http.GetAsync($"/v1/companies/{id}", Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"{who} ({role}, visibility {visibility}): GET /v1/companies/{{id}} → {(int)response.StatusCode}");
        Assert.Equal(expected, response.StatusCode);
    }
}
