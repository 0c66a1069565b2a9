using CrmSuite.Clients.Contracts;

namespace CrmSuite.Clients.FunctionalTests;

public sealed class CompanyActivityTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<string>> MostRecentlyActiveAsync(int pageSize)
    {
        var names = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest
            {
                Sort = CompanySort.LastActivity, Descending = true, PageSize = pageSize, PageToken = token,
            }, cancellationToken: Ct);
            Assert.All(page.Companies, c => Assert.NotNull(c.LastActivityAt));
            names.AddRange(page.Companies.Select(c => c.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return names;
    }

    [Fact]
    public async Task The_list_by_last_activity_puts_the_company_worked_on_last_first()
    {
        var first = await api.CreateCompanyAsync("Activity Alpha");
        var second = await api.CreateCompanyAsync("Activity Beta");
        await api.CreateCompanyAsync("Activity Gamma");
        Assert.Equal(["Activity Gamma", "Activity Beta", "Activity Alpha"], (await MostRecentlyActiveAsync(2)).Where(n => n.StartsWith("Activity", StringComparison.Ordinal)));

        // A contact added to the oldest company is activity on that company.
        await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = first.Id, FullName = "Анна Петрова" }, cancellationToken: Ct);
        Assert.Equal(["Activity Alpha", "Activity Gamma", "Activity Beta"], (await MostRecentlyActiveAsync(2)).Where(n => n.StartsWith("Activity", StringComparison.Ordinal)));

        // Editing the card is activity too.
        await api.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest { Id = second.Id, Name = "Activity Beta" }, cancellationToken: Ct);
        var order = (await MostRecentlyActiveAsync(1)).Where(n => n.StartsWith("Activity", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Activity Beta", "Activity Alpha", "Activity Gamma"], order);

        var oldestFirst = await api.Grpc.ListCompaniesAsync(new ListCompaniesRequest { Sort = CompanySort.LastActivity, PageSize = 100 }, cancellationToken: Ct);
        Assert.Equal(["Activity Gamma", "Activity Alpha", "Activity Beta"], oldestFirst.Companies.Select(c => c.Name).Where(n => n.StartsWith("Activity", StringComparison.Ordinal)));
    }
}
