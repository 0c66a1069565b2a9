using CrmSuite.Documents.Contracts;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Documents.FunctionalTests;

/// <summary>
/// The Documents area's list: filtered by type, state, period and client, searched by the number and
/// the buyer's name (Russian, any case, ё as е), sorted by date, number or total and paged without a
/// document shown twice or skipped.
/// </summary>
public sealed class DocumentListTests(DocumentsApi api) : IClassFixture<DocumentsApi>
{
    private static CancellationToken Ct => DocumentsApi.Ct;

    [Fact]
    public async Task Each_filter_keeps_only_the_documents_of_its_type_state_period_and_client()
    {
        var tag = Tag();
        var organisation = await api.OrganisationAsync();
        var north = await CompanyAsync($"Север {tag}");
        var south = await CompanyAsync($"Юг {tag}");
        var marchInvoice = await DraftAsync(organisation.Id, north, "invoice", "2026-03-01", "1000.00");
        var marchAct = await DraftAsync(organisation.Id, north, "act", "2026-03-05", "2000.00");
        var aprilInvoice = await DraftAsync(organisation.Id, north, "invoice", "2026-04-10", "3000.00");
        var southInvoice = await DraftAsync(organisation.Id, south, "invoice", "2026-03-31", "4000.00");
        var issued = await api.Documents(DocumentStories.Seller).IssueDocumentAsync(new DocumentActionRequest { Id = aprilInvoice.Id }, cancellationToken: Ct);
        Assert.Equal("issued", issued.State);

        // The tag keeps the list to this test's documents (the database is shared by the class's tests).
        Assert.Equal([marchInvoice.Id, southInvoice.Id, aprilInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = tag, Type = "invoice" }));
        Assert.Equal([marchAct.Id], await IdsAsync(new ListDocumentsRequest { Query = tag, Type = "act" }));
        Assert.Equal([aprilInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = tag, State = "issued" }));
        Assert.Equal([marchInvoice.Id, marchAct.Id, southInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = tag, State = "draft" }));
        // The period includes both its ends.
        Assert.Equal([marchInvoice.Id, marchAct.Id, southInvoice.Id],
            await IdsAsync(new ListDocumentsRequest { Query = tag, DateFrom = "2026-03-01", DateTo = "2026-03-31" }));
        Assert.Equal([southInvoice.Id, aprilInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = tag, DateFrom = "2026-03-06" }));
        Assert.Equal([marchInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = tag, DateTo = "2026-03-04" }));
        Assert.Equal([southInvoice.Id], await IdsAsync(new ListDocumentsRequest { CompanyId = south }));
        // Together: north's March invoices.
        Assert.Equal([marchInvoice.Id], await IdsAsync(new ListDocumentsRequest
        {
            CompanyId = north, Type = "invoice", State = "draft", DateFrom = "2026-03-01", DateTo = "2026-03-31",
        }));
    }

    [Fact]
    public async Task Search_finds_the_buyers_name_in_Russian_in_any_case_with_yo_as_ye_and_the_number()
    {
        var tag = Tag();
        var organisation = await api.OrganisationAsync();
        var fir = await CompanyAsync($"ООО «Ёлочка-{tag}»");
        var birch = await CompanyAsync($"ООО «Берёзка-{tag}»");
        var firInvoice = await DraftAsync(organisation.Id, fir, "invoice", "2026-03-01", "1000.00");
        var birchInvoice = await DraftAsync(organisation.Id, birch, "invoice", "2026-03-02", "2000.00");
        var issued = await api.Documents(DocumentStories.Seller).IssueDocumentAsync(new DocumentActionRequest { Id = birchInvoice.Id }, cancellationToken: Ct);

        Assert.Equal([firInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = $"ЕЛОЧКА-{tag}" }));
        Assert.Equal([firInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = $"ёлочка {tag}" }));
        Assert.Equal([birchInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = $"березка {tag.ToUpperInvariant()}" }));
        // The number, any case, a part of it; every word must be found.
        Assert.Equal("СЧ-2026-000001", issued.Number);
        Assert.Equal([birchInvoice.Id], await IdsAsync(new ListDocumentsRequest { Query = $"сч-2026-000001 {tag}" }));
        Assert.Empty(await IdsAsync(new ListDocumentsRequest { Query = $"сч-2026-000001 ёлочка-{tag}" }));
        // Typed characters of a LIKE pattern are only characters.
        Assert.Empty(await IdsAsync(new ListDocumentsRequest { Query = $"%{tag}_" }));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("date", false)]
    [InlineData("date", true)]
    [InlineData("number", false)]
    [InlineData("number", true)]
    [InlineData("total", false)]
    [InlineData("total", true)]
    public async Task Paging_through_three_pages_shows_each_document_once_in_order(string sort, bool descending)
    {
        var tag = Tag();
        var organisation = await api.OrganisationAsync();
        var company = await CompanyAsync($"Страницы {tag}");
        // Equal dates and totals: the id breaks the ties, so a page boundary in the middle of a tie loses nothing.
        string[] dates = ["2026-03-01", "2026-03-01", "2026-03-02", "2026-03-02", "2026-03-02", "2026-03-03", "2026-03-04"];
        string[] prices = ["100.00", "100.00", "100.00", "50.00", "300.00", "50.00", "100.00"];
        var made = new List<Document>();
        for (var i = 0; i < dates.Length; i++)
        {
            made.Add(await DraftAsync(organisation.Id, company, "invoice", dates[i], prices[i]));
        }
        // Two of them numbered, the rest drafts (no number: sorted as empty).
        foreach (var document in made.Take(2))
        {
            await api.Documents(DocumentStories.Seller).IssueDocumentAsync(new DocumentActionRequest { Id = document.Id }, cancellationToken: Ct);
        }

        var pages = new List<List<Document>>();
        var token = "";
        do
        {
            var page = await api.Documents(DocumentStories.Seller).ListDocumentsAsync(new ListDocumentsRequest
            {
                CompanyId = company, PageSize = 3, PageToken = token, Sort = sort, Descending = descending,
            }, cancellationToken: Ct);
            pages.Add([.. page.Documents]);
            token = page.NextPageToken;
        }
        while (token.Length > 0 && pages.Count < 5);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        var shown = pages.SelectMany(p => p).ToList();
        Assert.Equal(made.Select(d => d.Id).Order(), shown.Select(d => d.Id).Order());
        Assert.Equal(shown.Count, shown.Select(d => d.Id).Distinct().Count());
        var keys = shown.Select(d => sort.Length == 0 ? made.FindIndex(m => m.Id == d.Id) : Key(d, sort)).ToList();
        var expected = descending || sort.Length == 0 ? keys.OrderDescending(KeyOrder.Instance) : keys.Order(KeyOrder.Instance);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task Bad_filter_values_are_refused_naming_the_field()
    {
        using var http = api.Http(DocumentStories.Seller);
        // REST names the fields as its JSON does (camelCase).
        Assert.Contains("dateFrom", (await DocumentsApi.BadFieldsAsync(await http.GetAsync("/v1/documents?date_from=2026-13-01", Ct))).Keys);
        Assert.Contains("dateTo", (await DocumentsApi.BadFieldsAsync(await http.GetAsync("/v1/documents?date_to=01.03.2026", Ct))).Keys);
        Assert.Contains("dateTo", (await DocumentsApi.BadFieldsAsync(await http.GetAsync("/v1/documents?date_from=2026-03-10&date_to=2026-03-01", Ct))).Keys);
        Assert.Contains("sort", (await DocumentsApi.BadFieldsAsync(await http.GetAsync("/v1/documents?sort=price", Ct))).Keys);
        Assert.Contains("state", (await DocumentsApi.BadFieldsAsync(await http.GetAsync("/v1/documents?state=lost", Ct))).Keys);
        // A page token of one order is not taken for another.
        var first = await api.Documents(DocumentStories.Seller).ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, Sort = "total" }, cancellationToken: Ct);
        if (first.NextPageToken.Length > 0)
        {
            Assert.Contains("pageToken", (await DocumentsApi.BadFieldsAsync(
                await http.GetAsync($"/v1/documents?sort=date&page_size=1&page_token={first.NextPageToken}", Ct))).Keys);
        }
    }

    private static string Tag() => "т" + Guid.NewGuid().ToString("N")[..6];

    private async Task<string> CompanyAsync(string name) =>
        (await new ClientsContracts.Companies.CompaniesClient(api.Clients(DocumentStories.Seller))
            .CreateCompanyAsync(new ClientsContracts.CreateCompanyRequest { Name = name }, cancellationToken: Ct)).Id;

    private async Task<Document> DraftAsync(string organisationId, string companyId, string type, string date, string price) =>
        await api.Documents(DocumentStories.Seller).CreateDocumentAsync(new CreateDocumentRequest
        {
            Type = type, OrganisationId = organisationId, CompanyId = companyId, Date = date,
            Lines = { new DocumentLineInput { Name = "Насос", Unit = "шт", Quantity = "1", Price = price, VatRate = "none" } },
        }, cancellationToken: Ct);

    /// <summary>The ids of the first page (of 200), sorted by the documents' dates (each test's dates differ).</summary>
    private async Task<List<string>> IdsAsync(ListDocumentsRequest request)
    {
        request.PageSize = 200;
        request.Sort = "date";
        return [.. (await api.Documents(DocumentStories.Seller).ListDocumentsAsync(request, cancellationToken: Ct)).Documents.Select(d => d.Id)];
    }

    private static IComparable Key(Document document, string sort) => sort switch
    {
        "date" => document.Date,
        "number" => document.Number,
        "total" => decimal.Parse(document.Total, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    };

    private sealed class KeyOrder : IComparer<IComparable>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(IComparable? x, IComparable? y) => x is null ? (y is null ? 0 : -1) : x.CompareTo(y);
    }
}
