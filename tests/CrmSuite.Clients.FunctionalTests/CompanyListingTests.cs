using System.Net;
using CrmSuite.Clients.Contracts;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Each test class has its own database, so these lists contain only what this class creates.</summary>
public sealed class CompanyListingTests(ClientsApi api) : IClassFixture<ClientsApi>, IAsyncLifetime
{
    private static readonly string[] Names =
    [
        "ООО «Ясень»", "acme", "Bravo", "ООО «Альфа»", "Зенит", "charlie", "Ёлка", "Delta",
    ];

    public async ValueTask InitializeAsync()
    {
        var existing = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 1 });
        if (existing.Companies.Count == 0)
        {
            foreach (var name in Names)
            {
                await api.CreateCompanyAsync(name);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Names_sort_as_people_expect_ignoring_case_with_Latin_before_Cyrillic()
    {
        var names = await ReadAllAsync(new ListCompaniesRequest { PageSize = 200 });
        Assert.Equal(["acme", "Bravo", "charlie", "Delta", "Ёлка", "Зенит", "ООО «Альфа»", "ООО «Ясень»"], names);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task Paging_through_every_page_returns_each_company_exactly_once(int pageSize)
    {
        var all = await ReadAllAsync(new ListCompaniesRequest { PageSize = 200 });
        var pages = new List<int>();
        var paged = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = pageSize, PageToken = token },
                cancellationToken: TestContext.Current.CancellationToken);
            pages.Add(page.Companies.Count);
            paged.AddRange(page.Companies.Select(c => c.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(all, paged);
        // No empty trailing page when the count divides evenly.
        Assert.Equal((Names.Length + pageSize - 1) / pageSize, pages.Count);
        Assert.All(pages, count => Assert.InRange(count, 1, pageSize));
    }

    [Fact]
    public async Task Descending_by_name_is_the_reverse_order_across_pages()
    {
        var ascending = await ReadAllAsync(new ListCompaniesRequest { PageSize = 3 });
        var descending = await ReadAllAsync(new ListCompaniesRequest { PageSize = 3, Descending = true });
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);
    }

    [Fact]
    public async Task Sorting_by_created_returns_the_order_of_creation_both_ways()
    {
        var oldestFirst = await ReadAllAsync(new ListCompaniesRequest { PageSize = 3, Sort = CompanySort.Created });
        Assert.Equal(Names, oldestFirst);
        var newestFirst = await ReadAllAsync(new ListCompaniesRequest { PageSize = 5, Sort = CompanySort.Created, Descending = true });
        Assert.Equal(Names.Reverse(), newestFirst);
    }

    [Fact]
    public async Task The_default_page_size_is_fifty_over_REST()
    {
        var response = await api.Http.GetAsync("/v1/companies?sort=COMPANY_SORT_CREATED", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await api.ReadJsonAsync(response);
        Assert.Equal(Names.Length, body.GetProperty("companies").GetArrayLength());
        Assert.Equal(string.Empty, body.GetProperty("nextPageToken").GetString());
    }

    [Theory]
    [InlineData("/v1/companies?pageSize=201", "pageSize")]
    [InlineData("/v1/companies?pageSize=-1", "pageSize")]
    [InlineData("/v1/companies?pageToken=garbage", "pageToken")]
    [InlineData("/v1/companies?pageToken=eyJPcmRlciI6Im5hbWUifQ", "pageToken")]
    public async Task Bad_paging_parameters_are_400_naming_the_parameter(string url, string field)
    {
        var response = await api.Http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await api.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task A_token_from_one_order_is_refused_in_another()
    {
        var byName = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 2 }, cancellationToken: TestContext.Current.CancellationToken);
        var response = await api.Http.GetAsync($"/v1/companies?sort=COMPANY_SORT_CREATED&pageToken={byName.NextPageToken}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<List<string>> ReadAllAsync(ListCompaniesRequest request)
    {
        var names = new List<string>();
        do
        {
            var page = await api.Grpc.ListCompaniesAsync(request, cancellationToken: TestContext.Current.CancellationToken);
            names.AddRange(page.Companies.Select(c => c.Name));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return names;
    }
}
