using Bunit;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.DocumentRecords;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// The Documents area's list asks the service for its filters, search words, sort and pages and shows
/// exactly what it answers (never a page thinned out in the browser); its empty state says whether
/// there are no documents at all or none that match.
/// </summary>
public sealed class DocumentsListFiltersTests : UiTest
{
    public DocumentsListFiltersTests()
    {
        UseCulture("ru-RU");
        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead);
    }

    [Fact]
    public async Task The_search_words_and_the_period_go_to_the_service_and_its_rows_are_shown_as_answered()
    {
        // The service found the document by its buyer's former name (snapshotted): the page shows it even though the name now differs.
        DocumentRecordsApi.OnList = request => Calls.Ok(Page("", request.Query.Length == 0
            ? [Doc("doc-1", "СЧ-2026-000001", "ООО «Альфа»"), Doc("doc-2", "СЧ-2026-000002", "ООО «Бета»")]
            : [Doc("doc-3", "СЧ-2025-000077", "ООО «Гамма»")]));
        var page = Render<DocumentsListPage>();
        page.WaitForAssertion(() => Assert.Equal(["СЧ-2026-000001", "СЧ-2026-000002"], Numbers(page)));

        page.Find("[data-testid=documents-list-search]").Input("ёлочка");

        page.WaitForAssertion(() => Assert.Equal(["СЧ-2025-000077"], Numbers(page)), Typing);
        Assert.Equal("ёлочка", DocumentRecordsApi.ListRequests[^1].Query);
        Assert.Equal("ёлочка", page.Find("[data-testid=documents-list-search]").GetAttribute("value"));

        var pickers = page.FindComponents<RadzenDatePicker<DateTime?>>();
        await page.InvokeAsync(() => pickers[0].Instance.ValueChanged.InvokeAsync(new DateTime(2026, 3, 1)));
        await page.InvokeAsync(() => pickers[1].Instance.ValueChanged.InvokeAsync(new DateTime(2026, 3, 31)));

        page.WaitForAssertion(() => Assert.Equal(("2026-03-01", "2026-03-31", "ёлочка"),
            (DocumentRecordsApi.ListRequests[^1].DateFrom, DocumentRecordsApi.ListRequests[^1].DateTo, DocumentRecordsApi.ListRequests[^1].Query)));
        Assert.Equal("ёлочка", page.Find("[data-testid=documents-list-search]").GetAttribute("value"));
    }

    [Fact]
    public void A_column_header_sorts_on_the_service_and_the_pages_start_again()
    {
        DocumentRecordsApi.OnList = request => Calls.Ok(Page(request.PageToken.Length == 0 ? "token-2" : "",
            request.PageToken.Length == 0 ? Doc("doc-1", "СЧ-2026-000001", "ООО «Альфа»") : Doc("doc-2", "СЧ-2026-000002", "ООО «Бета»")));
        var page = Render<DocumentsListPage>();
        page.WaitForAssertion(() => Assert.Equal(["СЧ-2026-000001"], Numbers(page)));

        page.Find("[data-testid=pager-next]").Click();
        page.WaitForAssertion(() => Assert.Equal(["СЧ-2026-000002"], Numbers(page)));
        Assert.Equal("token-2", DocumentRecordsApi.ListRequests[^1].PageToken);

        // The total's column (number, type, client, date, total, state).
        page.Find("th[data-column-index='4'] > div").Click();
        page.WaitForAssertion(() => Assert.Equal(("total", false, ""),
            (DocumentRecordsApi.ListRequests[^1].Sort, DocumentRecordsApi.ListRequests[^1].Descending, DocumentRecordsApi.ListRequests[^1].PageToken)));
        page.Find("th[data-column-index='4'] > div").Click();
        page.WaitForAssertion(() => Assert.True(DocumentRecordsApi.ListRequests[^1].Descending));
        page.Find("th[data-column-index='3'] > div").Click();
        page.WaitForAssertion(() => Assert.Equal(("date", false), (DocumentRecordsApi.ListRequests[^1].Sort, DocumentRecordsApi.ListRequests[^1].Descending)));
    }

    [Fact]
    public void The_empty_list_says_nothing_matches_when_filtered_and_clearing_empties_the_search_box()
    {
        DocumentRecordsApi.Stored.Add(Doc("doc-1", "СЧ-2026-000001", "ООО «Альфа»"));
        var page = Render<DocumentsListPage>();
        page.WaitForAssertion(() => Assert.Single(Numbers(page)));

        page.Find("[data-testid=documents-list-search]").Input("Омега");

        page.WaitForElement("[data-testid=documents-nothing-found]", Typing);
        Assert.Empty(page.FindAll("[data-testid=documents-empty]"));
        Assert.Contains(Texts.DocumentRecords.NothingFound.Ru, page.Markup, StringComparison.Ordinal);

        page.Find("[data-testid=documents-clear-filters]").Click();

        page.WaitForAssertion(() => Assert.Single(Numbers(page)));
        Assert.Equal("", DocumentRecordsApi.ListRequests[^1].Query);
        Assert.Equal("", page.Find("[data-testid=documents-list-search]").GetAttribute("value") ?? "");
    }

    [Fact]
    public void With_no_documents_at_all_the_list_says_so_rather_than_nothing_matches()
    {
        var page = Render<DocumentsListPage>();

        page.WaitForElement("[data-testid=documents-empty]");
        Assert.Empty(page.FindAll("[data-testid=documents-nothing-found]"));
        Assert.Contains(Texts.DocumentRecords.EmptyHint.Ru, page.Markup, StringComparison.Ordinal);
    }

    private static ListDocumentsResponse Page(string next, params Document[] documents)
    {
        var response = new ListDocumentsResponse { NextPageToken = next };
        response.Documents.AddRange(documents);
        return response;
    }

    private static Document Doc(string id, string number, string companyName) => new()
    {
        Id = id, Type = "invoice", State = "issued", CompanyId = "c-" + id, CompanyName = companyName, Date = "2026-03-02", Number = number,
        Total = "1220.00", Net = "1000.00", Vat = "220.00", Currency = "RUB", OrganisationId = "org-1", OrganisationName = "ООО «Ромашка»", Version = "1",
    };

    private static List<string> Numbers(IRenderedComponent<DocumentsListPage> page) =>
        [.. page.FindAll("[data-testid=document-row-number]").Select(e => e.TextContent.Trim())];
}
