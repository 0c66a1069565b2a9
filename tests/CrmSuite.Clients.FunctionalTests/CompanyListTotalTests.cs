using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// The list says how many companies it has without counting a big base row by row: exact up to
/// 10,000, "about N" for a large whole base (PostgreSQL's estimate), "more than 10,000" for a large
/// filtered list. This class's own database holds 10,010 companies.
/// </summary>
public sealed class CompanyListTotalTests(ClientsApi api) : IClassFixture<ClientsApi>, IAsyncLifetime
{
    private const int Seeded = 10_010;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await ImportDriver.ScalarAsync(api.ConnectionString, "SELECT count(*) FROM companies") >= Seeded)
        {
            return;
        }
        await ImportDriver.ScalarAsync(api.ConnectionString, $"""
            WITH added AS (
                INSERT INTO companies (id, name, created_at, updated_at, owner_user_id, tags)
                SELECT gen_random_uuid(), 'Bulk Company ' || n, now(), now(), '', ARRAY['bulk']
                FROM generate_series(1, {Seeded}) AS n
                RETURNING 1)
            SELECT count(*) FROM added
            """);
        await ImportDriver.ScalarAsync(api.ConnectionString, "ANALYZE companies; SELECT 1");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_director_sees_about_how_many_companies_the_whole_base_has()
    {
        var page = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 5 }, cancellationToken: Ct);
        Assert.Equal(ListTotalKind.Estimate, page.TotalKind);
        // An estimate: close to the real count, not necessarily equal.
        Assert.InRange(page.Total, Seeded * 9 / 10, Seeded * 11 / 10);

        var next = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 5, PageToken = page.NextPageToken }, cancellationToken: Ct);
        Assert.Equal((ListTotalKind.Unspecified, 0L), (next.TotalKind, next.Total));
    }

    [Fact]
    public async Task A_large_filtered_list_says_more_than_ten_thousand()
    {
        var page = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 5, Tag = "bulk" }, cancellationToken: Ct);
        Assert.Equal((ListTotalKind.MoreThan, 10_000L), (page.TotalKind, page.Total));
    }

    [Fact]
    public async Task A_small_list_is_counted_exactly_for_what_the_caller_sees()
    {
        var anna = api.As(TestUser.ManagerAnna);
        var tag = "mine" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
        {
            await anna.Grpc.CreateCompanyAsync(new CreateCompanyRequest { Name = $"Anna's {tag} {i}", Details = new CompanyDetails { Tags = { tag } } }, cancellationToken: Ct);
        }
        var page = await anna.Grpc.ListCompaniesAsync(new ListCompaniesRequest { PageSize = 2, Tag = tag }, cancellationToken: Ct);
        Assert.Equal((ListTotalKind.Exact, 3L), (page.TotalKind, page.Total));

        // A search is not counted.
        var found = await anna.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = tag }, cancellationToken: Ct);
        Assert.Equal(ListTotalKind.Unspecified, found.TotalKind);
    }
}
