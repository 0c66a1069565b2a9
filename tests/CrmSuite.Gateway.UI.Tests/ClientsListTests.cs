using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Clients;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class ClientsListTests : UiTest
{
    public ClientsListTests() => SignInWith(Permissions.ClientsRead);

    [Fact]
    public void The_list_shows_the_companies_of_the_first_page()
    {
        CompaniesApi.OnList = _ => Calls.Ok(Page("", "Alfa LLC", "Beta JSC"));

        var page = Render<ClientsList>();

        page.WaitForAssertion(() => Assert.Equal(["Alfa LLC", "Beta JSC"], CompanyNames(page)));
        Assert.Equal("", CompaniesApi.ListRequests.Single().PageToken);
    }

    [Fact]
    public void Next_loads_the_next_page_with_its_token_and_Previous_goes_back()
    {
        CompaniesApi.OnList = request => Calls.Ok(request.PageToken switch
        {
            "" => Page("token-2", "Alfa LLC"),
            "token-2" => Page("token-3", "Gamma LLC"),
            _ => Page("", "Omega LLC"),
        });
        var page = Render<ClientsList>();
        page.WaitForAssertion(() => Assert.Equal(["Alfa LLC"], CompanyNames(page)));
        Assert.True(page.Find("[data-testid=pager-previous]").HasAttribute("disabled"));

        page.Find("[data-testid=pager-next]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Gamma LLC"], CompanyNames(page)));
        Assert.Equal("token-2", CompaniesApi.ListRequests.Last().PageToken);

        page.Find("[data-testid=pager-previous]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Alfa LLC"], CompanyNames(page)));
        Assert.Equal("", CompaniesApi.ListRequests.Last().PageToken);
    }

    [Theory]
    [InlineData(ListTotalKind.Exact, 1234L, "ru-RU", "Всего: 1\u00a0234")]
    [InlineData(ListTotalKind.Estimate, 1000017L, "ru-RU", "Всего: около 1\u00a0000\u00a0017")]
    [InlineData(ListTotalKind.MoreThan, 10000L, "en-US", "More than 10,000")]
    public void The_list_says_how_many_companies_it_has_and_keeps_it_on_later_pages(ListTotalKind kind, long total, string culture, string shown)
    {
        UseCulture(culture);
        CompaniesApi.OnList = request => Calls.Ok(request.PageToken == ""
            ? new ListCompaniesResponse(Page("token-2", "Alfa LLC")) { Total = total, TotalKind = kind }
            : Page("", "Gamma LLC"));
        var page = Render<ClientsList>();
        page.WaitForAssertion(() => Assert.Equal(shown, page.Find("[data-testid=clients-total]").TextContent.Trim()));

        page.Find("[data-testid=pager-next]").Click();

        page.WaitForAssertion(() => Assert.Equal(["Gamma LLC"], CompanyNames(page)));
        Assert.Equal(shown, page.Find("[data-testid=clients-total]").TextContent.Trim());
    }

    [Fact]
    public void Next_is_disabled_on_the_last_page()
    {
        CompaniesApi.OnList = _ => Calls.Ok(Page("", "Alfa LLC"));

        var page = Render<ClientsList>();

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=pager-next]").HasAttribute("disabled")));
    }

    [Fact]
    public void Choosing_a_page_size_reloads_the_first_page_with_that_size()
    {
        CompaniesApi.OnList = _ => Calls.Ok(Page("token-2", "Alfa LLC"));
        var page = Render<ClientsList>();
        page.WaitForAssertion(() => Assert.Single(CompaniesApi.ListRequests));

        page.Find("[data-testid=page-size-50]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, CompaniesApi.ListRequests.Count));
        Assert.Equal(50, CompaniesApi.ListRequests.Last().PageSize);
        Assert.Equal("", CompaniesApi.ListRequests.Last().PageToken);
    }

    [Fact]
    public void Clicking_a_column_header_sorts_on_the_server_and_starts_from_the_first_page()
    {
        CompaniesApi.OnList = _ => Calls.Ok(Page("token-2", "Alfa LLC"));
        var page = Render<ClientsList>();
        page.WaitForAssertion(() => Assert.Single(CompaniesApi.ListRequests));
        page.Find("[data-testid=pager-next]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, CompaniesApi.ListRequests.Count));

        page.Find("th[data-column-index='4'] > div").Click();
        page.WaitForAssertion(() => Assert.Equal(CompanySort.Created, CompaniesApi.ListRequests.Last().Sort));
        Assert.False(CompaniesApi.ListRequests.Last().Descending);
        Assert.Equal("", CompaniesApi.ListRequests.Last().PageToken);

        page.Find("th[data-column-index='4'] > div").Click();
        page.WaitForAssertion(() => Assert.True(CompaniesApi.ListRequests.Last().Descending));
    }

    [Fact]
    public void Typing_in_the_search_box_searches_and_shows_the_results()
    {
        CompaniesApi.OnList = _ => Calls.Ok(Page("", "Alfa LLC", "Beta JSC"));
        CompaniesApi.OnSearch = request => Calls.Ok(Page("", $"Found by {request.Query}"));
        var page = Render<ClientsList>();
        page.WaitForAssertion(() => Assert.Equal(2, CompanyNames(page).Count));

        page.Find("[data-testid=clients-search]").Input("7707");

        page.WaitForAssertion(() => Assert.Equal(["Found by 7707"], CompanyNames(page)), Typing);
        Assert.Equal("7707", CompaniesApi.SearchRequests.Single().Query);
    }

    [Fact]
    public async Task Fast_typing_sends_one_search_for_the_final_text()
    {
        // Time moves only when the test says so: the pauses between keys are the test's, not the
        // machine's (a busy machine once let the pause after "al" pass the debounce).
        var clock = UseManualClock();
        CompaniesApi.OnSearch = request => Calls.Ok(Page("", $"Found by {request.Query}"));
        var page = Render<ClientsList>();
        var search = page.Find("[data-testid=clients-search]");

        await TypeAsync(page, () => search.Input("a"));
        clock.Advance(Debouncer.Typing / 2);
        await TypeAsync(page, () => search.Input("al"));
        clock.Advance(Debouncer.Typing / 2);
        await TypeAsync(page, () => search.Input("alf"));
        clock.Advance(Debouncer.Typing - TimeSpan.FromMilliseconds(1));
        await page.InvokeAsync(() => { });
        Assert.Empty(CompaniesApi.SearchRequests);

        clock.Advance(TimeSpan.FromMilliseconds(1));

        page.WaitForAssertion(() => Assert.Equal(["Found by alf"], CompanyNames(page)), Typing);
        Assert.Equal(["alf"], CompaniesApi.SearchRequests.Select(r => r.Query));
    }

    [Fact]
    public async Task A_first_page_that_arrives_after_the_search_results_does_not_replace_them()
    {
        var clock = UseManualClock();
        var firstPage = new TaskCompletionSource<ListCompaniesResponse>();
        CompaniesApi.OnList = _ => Calls.Later(firstPage.Task);
        CompaniesApi.OnSearch = request => Calls.Ok(Page("", $"Found by {request.Query}"));
        var page = Render<ClientsList>();

        await TypeAsync(page, () => page.Find("[data-testid=clients-search]").Input("alf"));
        clock.Advance(Debouncer.Typing);
        page.WaitForAssertion(() => Assert.Equal(["Found by alf"], CompanyNames(page)), Typing);

        // The whole list's first page, asked for when the page opened, answers only now.
        await page.InvokeAsync(() => firstPage.SetResult(Page("", "Alfa LLC", "Beta JSC")));
        await page.InvokeAsync(() => { });

        Assert.Equal(["Found by alf"], CompanyNames(page));
        Assert.Single(CompaniesApi.ListRequests);
    }

    [Fact]
    public void Choosing_a_custom_field_and_its_value_filters_the_list_and_the_export_takes_the_same_filter()
    {
        SignInWith(Permissions.ClientsRead, Permissions.ClientsExport);
        CustomFieldsApi.Schema = new CustomFieldSchema
        {
            Sections =
            {
                new CustomSection
                {
                    Id = "s-1", NameEn = "Sales", NameRu = "Продажи",
                    Fields =
                    {
                        new CustomField { Id = "f-tier", SectionId = "s-1", NameEn = "Tier", NameRu = "Уровень", Type = CustomFieldType.Choice, Filterable = true, Options = { "Gold", "Silver" } },
                        new CustomField { Id = "f-note", SectionId = "s-1", NameEn = "Note", NameRu = "Заметка", Type = CustomFieldType.Text },
                    },
                },
            },
        };
        CompaniesApi.OnList = request => Calls.Ok(Page("", request.CustomFieldValue == "Gold" ? "Golden LLC" : "Alfa LLC"));
        var page = Render<ClientsList>();

        page.WaitForElement("[data-testid=clients-field-filter]").Click();
        var offered = page.FindAll(".rz-dropdown-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Equal(["Tier"], offered);
        page.FindAll(".rz-dropdown-item").Single().Click();
        page.WaitForElement("[data-testid=clients-field-value]").Click();
        page.WaitForAssertion(() => page.FindAll(".rz-dropdown-item").Single(i => i.TextContent.Trim() == "Gold").Click());

        page.WaitForAssertion(() => Assert.Equal(["Golden LLC"], CompanyNames(page)));
        var request = CompaniesApi.ListRequests.Last();
        Assert.Equal(("f-tier", "Gold", ""), (request.CustomFieldId, request.CustomFieldValue, request.PageToken));
        page.Find("[data-testid=export-csv]").Click();
        page.WaitForAssertion(() => Assert.Equal(("f-tier", "Gold"), (ExportsApi.Requests.Single().CustomFieldId, ExportsApi.Requests.Single().CustomFieldValue)));
    }

    [Fact]
    public void Clearing_the_search_box_shows_the_normal_list_again()
    {
        CompaniesApi.OnList = _ => Calls.Ok(Page("", "Alfa LLC"));
        CompaniesApi.OnSearch = _ => Calls.Ok(Page("", "Beta JSC"));
        var page = Render<ClientsList>();
        page.Find("[data-testid=clients-search]").Input("beta");
        page.WaitForAssertion(() => Assert.Equal(["Beta JSC"], CompanyNames(page)), Typing);

        page.Find("[data-testid=clients-search]").Input("");

        page.WaitForAssertion(() => Assert.Equal(["Alfa LLC"], CompanyNames(page)), Typing);
        Assert.Equal(2, CompaniesApi.ListRequests.Count);
    }

    [Fact]
    public void An_empty_client_base_says_there_are_no_clients_yet()
    {
        var page = Render<ClientsList>();

        page.WaitForAssertion(() =>
            Assert.Contains(Texts.Clients.NoClientsYet.En, page.Find("[data-testid=clients-empty]").TextContent));
    }

    [Fact]
    public void A_search_without_matches_says_nothing_was_found()
    {
        CompaniesApi.OnList = _ => Calls.Ok(Page("", "Alfa LLC"));
        var page = Render<ClientsList>();

        page.Find("[data-testid=clients-search]").Input("zzz");

        page.WaitForAssertion(() =>
            Assert.Contains("Nothing found for “zzz”", page.Find("[data-testid=clients-empty]").TextContent), Typing);
    }

    [Fact]
    public void The_include_archived_switch_asks_for_archived_companies_too()
    {
        var page = Render<ClientsList>();
        page.WaitForAssertion(() => Assert.Single(CompaniesApi.ListRequests));

        page.Find("[data-testid=include-archived]").Click();

        page.WaitForAssertion(() => Assert.True(CompaniesApi.ListRequests.Last().IncludeArchived));
    }

    [Fact]
    public void New_company_is_offered_only_to_users_who_may_write()
    {
        var readOnly = Render<ClientsList>();
        Assert.Empty(readOnly.FindAll("[data-testid=new-company]"));

        SignInWith(Permissions.ClientsRead, Permissions.ClientsWrite);
        var writer = Render<ClientsList>();

        writer.Find("[data-testid=new-company]").Click();
        Assert.EndsWith("/clients/new", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_service_shows_a_message_instead_of_a_crash()
    {
        CompaniesApi.OnList = _ => Calls.Fail<ListCompaniesResponse>(Calls.Error(Grpc.Core.StatusCode.Unavailable));

        var page = Render<ClientsList>();

        page.WaitForAssertion(() => Assert.Contains(Texts.Errors.Unavailable.En, page.Find("[data-testid=error]").TextContent));
    }

    private static ListCompaniesResponse Page(string nextPageToken, params string[] names)
    {
        var response = new ListCompaniesResponse { NextPageToken = nextPageToken };
        response.Companies.AddRange(names.Select((name, i) => new Company { Id = $"{name}-{i}", Name = name, Version = "1" }));
        return response;
    }

    private static List<string> CompanyNames(IRenderedComponent<ClientsList> page) =>
        page.FindAll("[data-testid=company-link]").Select(link => link.TextContent.Trim()).ToList();
}
