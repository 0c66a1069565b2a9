using System.Net;
using CrmSuite.Clients.Contracts;

namespace CrmSuite.Clients.FunctionalTests;

public sealed class CompanySearchTests(ClientsApi api) : IClassFixture<ClientsApi>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        var existing = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 1, IncludeArchived = true });
        if (existing.Companies.Count > 0)
        {
            return;
        }
        await api.CreateCompanyAsync("ООО «Ромашка»", inn: "7707083893", email: "info@romashka.ru", phone: "+7 495 123-45-67");
        await api.CreateCompanyAsync("Ромашка Трейд", email: "trade@romashka-trade.ru");
        await api.CreateCompanyAsync("Acme Appliances", inn: "7736207543", email: "sales@acme.example", phone: "+44 20 7946 0958");
        await api.CreateCompanyAsync("Northwind Traders", phone: "+1 206 555 0100");
        var archived = await api.CreateCompanyAsync("Ромашка Архив");
        await api.Grpc.ArchiveCompanyAsync(new ArchiveCompanyRequest { Id = archived.Id });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("ромаш", new[] { "Ромашка Трейд", "ООО «Ромашка»" })]
    [InlineData("РОМАШКА тр", new[] { "Ромашка Трейд" })]
    [InlineData("appl", new[] { "Acme Appliances" })]
    [InlineData("7707", new[] { "ООО «Ромашка»" })]
    [InlineData("8 (495) 123", new[] { "ООО «Ромашка»" })]
    [InlineData("+44 20", new[] { "Acme Appliances" })]
    [InlineData("sales@acme", new[] { "Acme Appliances" })]
    [InlineData("zzz", new string[0])]
    public async Task Search_as_you_type_finds_by_name_word_INN_phone_or_email_prefix(string query, string[] expected)
    {
        var found = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = query }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(expected.Order(StringComparer.Ordinal), found.Companies.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Archived_companies_are_found_only_when_asked_for()
    {
        var active = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "архив" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(active.Companies);
        var all = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "архив", IncludeArchived = true }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Ромашка Архив", Assert.Single(all.Companies).Name);
    }

    [Fact]
    public async Task Search_results_page_like_the_list()
    {
        var first = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "ромашка", PageSize = 1 }, cancellationToken: TestContext.Current.CancellationToken);
        var second = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "ромашка", PageSize = 1, PageToken = first.NextPageToken },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(first.Companies.Single().Id, second.Companies.Single().Id);
        Assert.Equal(string.Empty, second.NextPageToken);
    }

    [Fact]
    public async Task A_REST_search_never_answers_a_total_of_zero_beside_its_results()
    {
        var response = await api.Http.GetAsync("/v1/companies:search?query=ромашка", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await api.ReadJsonAsync(response);
        Assert.Equal(2, body.GetProperty("companies").GetArrayLength());
        // A search is not counted, so it says nothing about a total rather than "0".
        Assert.False(body.TryGetProperty("total", out var total), $"total: {total}");
        Assert.False(body.TryGetProperty("totalKind", out var kind), $"totalKind: {kind}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20%20")]
    [InlineData("%C2%AB%C2%BB")]
    public async Task An_empty_search_is_400_naming_the_query(string query)
    {
        var response = await api.Http.GetAsync($"/v1/companies:search?query={query}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("query", out _));
    }

    [Fact]
    public async Task Search_works_over_REST_with_a_Cyrillic_query()
    {
        var response = await api.Http.GetAsync("/v1/companies:search?query=" + Uri.EscapeDataString("ромашка трейд"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var companies = (await api.ReadJsonAsync(response)).GetProperty("companies");
        Assert.Equal("Ромашка Трейд", companies[0].GetProperty("name").GetString());
    }
}
