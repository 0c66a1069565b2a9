using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Who sees which client: own / team / all, enforced by the service for REST and gRPC alike.</summary>
public sealed class ClientVisibilityTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_company_created_by_one_manager_is_invisible_to_another_over_REST_and_gRPC()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var oleg = api.As(TestUser.ManagerOleg);
        var company = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Anna's Secret Client", Inn = "7707083893" }, cancellationToken: Ct);
        Assert.Equal(TestUser.ManagerAnna.Id, company.OwnerUserId);

        Assert.Equal(HttpStatusCode.NotFound, (await oleg.Http.GetAsync($"/v1/companies/{company.Id}", Ct)).StatusCode);
        var get = await Assert.ThrowsAsync<RpcException>(() => oleg.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, get.StatusCode);

        var olegsList = await oleg.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 200 }, cancellationToken: Ct);
        Assert.DoesNotContain(olegsList.Companies, c => c.Id == company.Id);
        var olegsSearch = await oleg.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "7707083893" }, cancellationToken: Ct);
        Assert.DoesNotContain(olegsSearch.Companies, c => c.Id == company.Id);

        var edit = await oleg.Http.PutAsJsonAsync($"/v1/companies/{company.Id}", new { name = "Stolen" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var contacts = await oleg.Http.GetAsync($"/v1/companies/{company.Id}/contacts", Ct);
        Assert.Equal(HttpStatusCode.NotFound, contacts.StatusCode);

        var annas = await anna.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal("Anna's Secret Client", annas.Name);
    }

    [Fact]
    public async Task The_team_head_sees_the_team_and_the_director_sees_everything()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var oleg = api.As(TestUser.ManagerOleg);
        var northern = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Northern Team Client" }, cancellationToken: Ct);
        var southern = await oleg.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Southern Team Client" }, cancellationToken: Ct);

        var head = api.As(TestUser.HeadOfNorth);
        var headSees = (await head.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 200 }, cancellationToken: Ct)).Companies.Select(c => c.Id).ToList();
        Assert.Contains(northern.Id, headSees);
        Assert.DoesNotContain(southern.Id, headSees);

        var directorSees = (await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 200 }, cancellationToken: Ct)).Companies.Select(c => c.Id).ToList();
        Assert.Contains(northern.Id, directorSees);
        Assert.Contains(southern.Id, directorSees);
    }

    [Fact]
    public async Task A_shared_company_becomes_visible_to_that_manager_only()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var boris = api.As(TestUser.ManagerBoris);
        var oleg = api.As(TestUser.ManagerOleg);
        var company = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "Shared With Boris" }, cancellationToken: Ct);

        await anna.Grpc.ShareCompanyAsync(new ShareCompanyRequest { Id = company.Id, UserId = TestUser.ManagerBoris.Id }, cancellationToken: Ct);

        var seen = await boris.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct);
        Assert.Equal("Shared With Boris", seen.Name);
        Assert.Equal(HttpStatusCode.NotFound, (await oleg.Http.GetAsync($"/v1/companies/{company.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_manager_cannot_hand_a_company_to_someone_else_but_the_director_can()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var company = await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "To Be Reassigned" }, cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<RpcException>(() => anna.Grpc.AssignCompanyAsync(
            new AssignCompanyRequest { Id = company.Id, OwnerUserId = TestUser.ManagerOleg.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        await api.Grpc.AssignCompanyAsync(new AssignCompanyRequest { Id = company.Id, OwnerUserId = TestUser.ManagerOleg.Id, TeamId = "team-south" }, cancellationToken: Ct);
        var oleg = api.As(TestUser.ManagerOleg);
        Assert.Equal("To Be Reassigned", (await oleg.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = company.Id }, cancellationToken: Ct)).Name);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.Http.GetAsync($"/v1/companies/{company.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_every_call_is_401_and_without_the_permission_403()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetAsync("/v1/companies", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.PostAsJsonAsync("/v1/companies", new { name = "Anon" }, Ct)).StatusCode);

        var auditor = api.As(TestUser.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.Http.GetAsync("/v1/companies", Ct)).StatusCode);
        var ex = await Assert.ThrowsAsync<RpcException>(() => auditor.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = "No" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var http = api.Anonymous;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/companies");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(TestUser.Director, TimeSpan.FromMinutes(-10)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request, Ct)).StatusCode);
    }
}
