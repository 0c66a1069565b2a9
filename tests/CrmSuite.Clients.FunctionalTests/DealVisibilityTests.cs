using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>A deal is visible to whoever sees its company, and to nobody else, over gRPC and REST.</summary>
public sealed class DealVisibilityTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Another_manager_can_neither_see_list_edit_nor_move_the_deal()
    {
        var (_, annaCompanies) = api.As(TestUser.ManagerAnna);
        var company = await annaCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Anna's Deal Client" }, cancellationToken: Ct);
        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Anna's secret deal");
        var pipeline = await api.DefaultPipelineAsync();
        var oleg = api.Deals(TestUser.ManagerOleg);
        var (olegHttp, _) = api.As(TestUser.ManagerOleg);

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            oleg.GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            oleg.MoveDealAsync(new MoveDealRequest { Id = deal.Id, StageId = pipeline.Stages[1].Id }, cancellationToken: Ct).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            oleg.GetDealHistoryAsync(new GetDealHistoryRequest { Id = deal.Id }, cancellationToken: Ct).ResponseAsync)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olegHttp.PutAsJsonAsync($"/v1/deals/{deal.Id}", new { title = "Stolen", currency = "RUB" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olegHttp.PostAsJsonAsync($"/v1/deals/{deal.Id}:archive", new { }, Ct)).StatusCode);
        Assert.DoesNotContain((await oleg.ListDealsAsync(new ListDealsRequest { PageSize = 200 }, cancellationToken: Ct)).Deals, d => d.Id == deal.Id);
        Assert.Empty((await oleg.ListDealsAsync(new ListDealsRequest { CompanyId = company.Id }, cancellationToken: Ct)).Deals);

        var annas = await api.Deals(TestUser.ManagerAnna).GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal((deal.StageId, "Anna's secret deal"), (annas.StageId, annas.Title));
    }

    [Fact]
    public async Task The_head_of_the_team_and_whoever_the_company_is_shared_with_see_the_deal()
    {
        var (_, annaCompanies) = api.As(TestUser.ManagerAnna);
        var company = await annaCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Shared Deal Client" }, cancellationToken: Ct);
        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Shared deal");
        await annaCompanies.ShareCompanyAsync(new ShareCompanyRequest { Id = company.Id, UserId = TestUser.ManagerBoris.Id }, cancellationToken: Ct);

        var headSees = await api.Deals(TestUser.HeadOfNorth).ListDealsAsync(new ListDealsRequest { OwnerUserId = TestUser.ManagerAnna.Id, PageSize = 200 }, cancellationToken: Ct);
        Assert.Contains(headSees.Deals, d => d.Id == deal.Id);
        var boris = await api.Deals(TestUser.ManagerBoris).GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal("Shared Deal Client", boris.CompanyName);
    }

    [Fact]
    public async Task A_manager_cannot_make_someone_else_responsible_but_a_director_can()
    {
        var (_, annaCompanies) = api.As(TestUser.ManagerAnna);
        var company = await annaCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Handover Client" }, cancellationToken: Ct);
        var deal = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Handover deal");

        var refused = await Assert.ThrowsAsync<RpcException>(() => api.Deals(TestUser.ManagerAnna).UpdateDealAsync(
            new UpdateDealRequest { Id = deal.Id, Title = deal.Title, Currency = "RUB", OwnerUserId = TestUser.ManagerOleg.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        var handed = await api.Deals(TestUser.Director).UpdateDealAsync(
            new UpdateDealRequest { Id = deal.Id, Title = deal.Title, Currency = "RUB", OwnerUserId = TestUser.ManagerOleg.Id }, cancellationToken: Ct);
        Assert.Equal(TestUser.ManagerOleg.Id, handed.OwnerUserId);
    }

    [Fact]
    public async Task Without_a_token_deals_are_401_and_without_clients_read_403()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetAsync("/v1/deals", Ct)).StatusCode);
        var (auditor, _) = api.As(TestUser.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/v1/deals", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/v1/deals", new { title = "No" }, Ct)).StatusCode);
    }
}
