using CrmSuite.Clients.Contracts;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// Search reads the word index the database keeps beside the companies (CompanySearch): these
/// check that it follows every change and pages like the list.
/// </summary>
public sealed class CompanyWordSearchTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<string>> SearchAsync(string query, int pageSize = 100)
    {
        var names = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = query, PageSize = pageSize, PageToken = token }, cancellationToken: Ct);
            names.AddRange(page.Companies.Select(c => c.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return names;
    }

    [Fact]
    public async Task A_renamed_company_is_found_by_its_new_name_and_no_longer_by_the_old_one()
    {
        var company = await api.CreateCompanyAsync("Полярис Логистик", email: "office@polaris.example", phone: "+7 812 555-01-01");
        Assert.Contains("Полярис Логистик", await SearchAsync("поляр"));

        await api.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest { Id = company.Id, Name = "Меридиан Логистик", Email = "office@meridian.example" }, cancellationToken: Ct);

        Assert.DoesNotContain("Полярис Логистик", await SearchAsync("поляр"));
        Assert.DoesNotContain("Меридиан Логистик", await SearchAsync("polaris"));
        Assert.Contains("Меридиан Логистик", await SearchAsync("мерид"));
        Assert.Contains("Меридиан Логистик", await SearchAsync("meridian"));
        // The phone was cleared by the update: its digits no longer find the company.
        Assert.DoesNotContain("Меридиан Логистик", await SearchAsync("7812555"));
    }

    [Fact]
    public async Task A_company_whose_several_words_match_appears_once_and_pages_come_in_name_order()
    {
        string[] names = ["Стройка Строитель Строй", "Астра Строй", "Стройматериалы Юг", "Beta Stroy", "ООО Стройсервис", "Стрела Строй", "Строй Строй"];
        foreach (var name in names)
        {
            await api.CreateCompanyAsync(name);
        }

        var found = await SearchAsync("стро", pageSize: 2);

        var expected = names.Where(n => n != "Beta Stroy").ToList();
        Assert.Equal(expected.Count, found.Count(n => expected.Contains(n)));
        Assert.Equal(found.Count, found.Distinct().Count());
        var inOrder = found.Order(StringComparer.Create(new System.Globalization.CultureInfo("ru-RU"), ignoreCase: true)).ToList();
        Assert.Equal(inOrder, found);
        Assert.Contains("Beta Stroy", await SearchAsync("stroy"));
    }

    [Fact]
    public async Task Every_typed_word_must_start_a_word_of_the_name_or_email()
    {
        await api.CreateCompanyAsync("Гранит Сервис", email: "hello@granit-stone.example");
        await api.CreateCompanyAsync("Гранит Трейд");

        Assert.Equal(["Гранит Сервис"], (await SearchAsync("гран серв")).Where(n => n.StartsWith("Гранит", StringComparison.Ordinal)));
        Assert.Equal(["Гранит Сервис"], (await SearchAsync("гранит stone")).Where(n => n.StartsWith("Гранит", StringComparison.Ordinal)));
        Assert.DoesNotContain(await SearchAsync("гранит камень"), n => n.StartsWith("Гранит", StringComparison.Ordinal));
    }
}
