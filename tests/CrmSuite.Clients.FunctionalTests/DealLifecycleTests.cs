using System.Net;
using System.Net.Http.Json;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;
using static CrmSuite.Clients.FunctionalTests.DealTestSupport;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Creating, reading, editing, listing and archiving deals; bad input changes nothing.</summary>
public sealed class DealLifecycleTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_deal_starts_in_the_first_stage_with_its_probability_and_can_be_edited()
    {
        var anna = api.Deals(TestUser.ManagerAnna);
        var (_, annaCompanies) = api.As(TestUser.ManagerAnna);
        var company = await annaCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Deal Target Ltd" }, cancellationToken: Ct);
        var contact = await annaCompanies.CreateContactAsync(new CreateContactRequest { CompanyId = company.Id, FullName = "Иванов Иван" }, cancellationToken: Ct);
        var pipeline = await api.DefaultPipelineAsync();

        var deal = await anna.CreateDealAsync(new CreateDealRequest
        {
            Title = "Поставка чайников", CompanyId = company.Id, ContactId = contact.Id, Amount = "150000.5", Currency = "rub",
            ExpectedCloseDate = "2026-03-31",
        }, cancellationToken: Ct);

        Assert.Equal(("Поставка чайников", "Deal Target Ltd", "150000.50", "RUB"), (deal.Title, deal.CompanyName, deal.Amount, deal.Currency));
        Assert.Equal((pipeline.Id, pipeline.Stages[0].Id, pipeline.Stages[0].Probability), (deal.PipelineId, deal.StageId, deal.Probability));
        Assert.Equal((TestUser.ManagerAnna.Id, "2026-03-31", contact.Id), (deal.OwnerUserId, deal.ExpectedCloseDate, deal.ContactId));

        var edited = await anna.UpdateDealAsync(new UpdateDealRequest
        {
            Id = deal.Id, Title = "Поставка чайников (100 шт)", Amount = "200000", Currency = "EUR", Probability = 35, Version = deal.Version,
        }, cancellationToken: Ct);
        var read = await anna.GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal(("Поставка чайников (100 шт)", "200000.00", "EUR", 35, ""), (read.Title, read.Amount, read.Currency, read.Probability, read.ContactId));
        Assert.Equal(edited.Version, read.Version);
        Assert.NotEqual(deal.Version, read.Version);

        var audit = await api.OutboxAsync("audit");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "clients.deal.created" && e.GetProperty("entityId").GetString() == deal.Id);
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "clients.deal.updated" && e.GetProperty("entityId").GetString() == deal.Id
            && e.GetProperty("after").GetProperty("currency").GetString() == "EUR");
    }

    [Fact]
    public async Task Viewing_a_deal_its_history_and_a_filtered_list_are_audited_with_who_the_filter_and_the_row_count()
    {
        var anna = api.Deals(TestUser.ManagerAnna);
        var (_, annaCompanies) = api.As(TestUser.ManagerAnna);
        var company = await annaCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Audited Deals Ltd" }, cancellationToken: Ct);
        var first = await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Первая сделка");
        await api.CreateDealAsync(TestUser.ManagerAnna, company.Id, "Вторая сделка");

        await anna.GetDealAsync(new GetDealRequest { Id = first.Id }, cancellationToken: Ct);
        await anna.GetDealHistoryAsync(new GetDealHistoryRequest { Id = first.Id }, cancellationToken: Ct);
        var page = await anna.ListDealsAsync(new ListDealsRequest { CompanyId = company.Id, Query = "сделка" }, cancellationToken: Ct);

        Assert.Equal(2, page.Deals.Count);
        var audit = await api.OutboxAsync("audit");
        var viewed = Assert.Single(audit, e => e.GetProperty("action").GetString() == "clients.deal.viewed" && e.GetProperty("entityId").GetString() == first.Id);
        Assert.Equal((TestUser.ManagerAnna.Id, "deal"), (viewed.GetProperty("actorId").GetString(), viewed.GetProperty("entityType").GetString()));
        Assert.Single(audit, e => e.GetProperty("action").GetString() == "clients.deal.history_viewed" && e.GetProperty("entityId").GetString() == first.Id);
        var listed = Assert.Single(audit, e => e.GetProperty("action").GetString() == "clients.deal.listed"
            && e.GetProperty("details").GetProperty("company").GetString() == company.Id);
        Assert.Equal((2, "сделка", TestUser.ManagerAnna.Id), (listed.GetProperty("details").GetProperty("rowCount").GetInt32(),
            listed.GetProperty("details").GetProperty("query").GetString(), listed.GetProperty("actorId").GetString()));
    }

    [Fact]
    public async Task Bad_currency_negative_amount_and_no_title_are_named_in_one_answer_and_nothing_is_written()
    {
        var company = await api.CreateCompanyAsync("Validation Target Ltd");
        var before = await api.CountAsync("SELECT (SELECT count(*) FROM deals) + (SELECT count(*) FROM outbox_messages)");

        var response = await api.Http.PostAsJsonAsync("/v1/deals", new
        {
            title = " ", companyId = company.Id, amount = "-5", currency = "RUR", probability = 101, expectedCloseDate = "31.03.2026",
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await api.ReadJsonAsync(response)).GetProperty("errors");
        Assert.Contains("ISO 4217", errors.GetProperty("currency")[0].GetString());
        Assert.Contains("negative", errors.GetProperty("amount")[0].GetString());
        Assert.Contains("Required", errors.GetProperty("title")[0].GetString());
        Assert.True(errors.TryGetProperty("probability", out _));
        Assert.True(errors.TryGetProperty("expectedCloseDate", out _));
        Assert.Equal(before, await api.CountAsync("SELECT (SELECT count(*) FROM deals) + (SELECT count(*) FROM outbox_messages)"));
    }

    [Fact]
    public async Task An_unknown_company_and_a_company_the_caller_cannot_see_are_both_not_found()
    {
        var anna = api.Deals(TestUser.ManagerAnna);
        var (_, olegCompanies) = api.As(TestUser.ManagerOleg);
        var olegs = await olegCompanies.CreateCompanyAsync(new CreateCompanyRequest { Name = "Oleg's Client" }, cancellationToken: Ct);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => anna.CreateDealAsync(new CreateDealRequest
        {
            Title = "Ghost", CompanyId = Guid.NewGuid().ToString(), Currency = "RUB",
        }, cancellationToken: Ct).ResponseAsync);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => anna.CreateDealAsync(new CreateDealRequest
        {
            Title = "Poaching", CompanyId = olegs.Id, Currency = "RUB",
        }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM deals WHERE company_id = '{olegs.Id}'"));

        var missing = await Assert.ThrowsAsync<RpcException>(() => anna.CreateDealAsync(new CreateDealRequest { Title = "No company", Currency = "RUB" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal("company_id", missing.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task An_edit_based_on_a_stale_version_is_refused_and_the_other_edit_stays()
    {
        var company = await api.CreateCompanyAsync("Concurrency Ltd");
        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Contested deal");
        var deals = api.Deals(TestUser.Director);
        await deals.UpdateDealAsync(new UpdateDealRequest { Id = deal.Id, Title = "First edit", Currency = "RUB", Version = deal.Version }, cancellationToken: Ct);

        var stale = await Assert.ThrowsAsync<RpcException>(() => deals.UpdateDealAsync(
            new UpdateDealRequest { Id = deal.Id, Title = "Second edit", Currency = "RUB", Version = deal.Version }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var secondStage = (await api.DefaultPipelineAsync()).Stages[1].Id;
        var staleMove = await Assert.ThrowsAsync<RpcException>(() => deals.MoveDealAsync(
            new MoveDealRequest { Id = deal.Id, StageId = secondStage, Version = deal.Version }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, staleMove.StatusCode);

        var read = await deals.GetDealAsync(new GetDealRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal(("First edit", deal.StageId), (read.Title, read.StageId));
    }

    [Fact]
    public async Task The_list_filters_by_company_stage_and_owner_searches_titles_and_pages_by_amount()
    {
        var company = await api.CreateCompanyAsync("Listing Ltd");
        var other = await api.CreateCompanyAsync("Other Listing Ltd");
        var amounts = new[] { "500", "100", "300", "200", "400" };
        foreach (var (amount, i) in amounts.Select((a, i) => (a, i)))
        {
            await api.CreateDealAsync(TestUser.Director, company.Id, $"Listing deal {i} {(i % 2 == 0 ? "kettles" : "toasters")}", amount);
        }
        await api.CreateDealAsync(TestUser.Director, other.Id, "Other kettles", "999");
        var deals = api.Deals(TestUser.Director);

        // Sorted by amount, two per page: every deal once, in order, across pages.
        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await deals.ListDealsAsync(new ListDealsRequest { CompanyId = company.Id, Sort = DealSort.Amount, PageSize = 2, PageToken = token }, cancellationToken: Ct);
            seen.AddRange(page.Deals.Select(d => d.Amount));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(["100.00", "200.00", "300.00", "400.00", "500.00"], seen);

        var descending = await deals.ListDealsAsync(new ListDealsRequest { CompanyId = company.Id, Sort = DealSort.Amount, Descending = true, PageSize = 1 }, cancellationToken: Ct);
        Assert.Equal("500.00", descending.Deals.Single().Amount);

        var kettles = await deals.ListDealsAsync(new ListDealsRequest { Query = "kett", CompanyId = company.Id }, cancellationToken: Ct);
        Assert.Equal(3, kettles.Deals.Count);
        Assert.All(kettles.Deals, d => Assert.Contains("kettles", d.Title));

        var pipeline = await api.DefaultPipelineAsync();
        var inFirstStage = await deals.ListDealsAsync(new ListDealsRequest { StageId = pipeline.Stages[0].Id, CompanyId = company.Id }, cancellationToken: Ct);
        Assert.Equal(5, inFirstStage.Deals.Count);
        var inSecondStage = await deals.ListDealsAsync(new ListDealsRequest { StageId = pipeline.Stages[1].Id, CompanyId = company.Id }, cancellationToken: Ct);
        Assert.Empty(inSecondStage.Deals);
        var annas = await deals.ListDealsAsync(new ListDealsRequest { OwnerUserId = TestUser.ManagerAnna.Id, CompanyId = company.Id }, cancellationToken: Ct);
        Assert.Empty(annas.Deals);

        var badToken = await Assert.ThrowsAsync<RpcException>(() => deals.ListDealsAsync(
            new ListDealsRequest { Sort = DealSort.Updated, PageToken = "not-a-token" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
    }

    [Fact]
    public async Task An_archived_deal_leaves_the_list_and_cannot_be_edited()
    {
        var company = await api.CreateCompanyAsync("Archive Deals Ltd");
        var deal = await api.CreateDealAsync(TestUser.Director, company.Id, "Abandoned deal");
        var deals = api.Deals(TestUser.Director);

        var archived = await deals.ArchiveDealAsync(new ArchiveDealRequest { Id = deal.Id }, cancellationToken: Ct);

        Assert.True(archived.Archived);
        Assert.Empty((await deals.ListDealsAsync(new ListDealsRequest { CompanyId = company.Id }, cancellationToken: Ct)).Deals);
        Assert.Single((await deals.ListDealsAsync(new ListDealsRequest { CompanyId = company.Id, IncludeArchived = true }, cancellationToken: Ct)).Deals);
        var edit = await Assert.ThrowsAsync<RpcException>(() => deals.UpdateDealAsync(new UpdateDealRequest { Id = deal.Id, Title = "Revived", Currency = "RUB" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, edit.StatusCode);
    }
}
