using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.DocumentRecords;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The Documents area's list, a document's actions by state, and an invoice made from a deal.</summary>
public sealed class DocumentRecordsTests : UiTest
{
    public DocumentRecordsTests()
    {
        UseCulture("en-US");
        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead, Permissions.DocumentsWrite);
    }

    [Fact]
    public async Task The_list_shows_names_and_narrows_by_type_state_client_and_period()
    {
        DocumentRecordsApi.Stored.AddRange(
        [
            Doc("doc-1", "invoice", "issued", "c-alfa", "Alfa LLC", "2026-12-01", "СЧ-2026-000007", "1220.00"),
            Doc("doc-2", "act", "draft", "c-beta", "Beta JSC", "2026-11-02", "", "300.00"),
            Doc("doc-3", "invoice", "paid", "c-alfa", "Alfa LLC", "2025-05-05", "СЧ-2025-000042", "50.00"),
        ]);
        var page = Render<DocumentsListPage>();

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page, "number").Count));
        Assert.Equal(["СЧ-2026-000007", "no number", "СЧ-2025-000042"], Rows(page, "number"));
        Assert.Equal(["Invoice", "Act", "Invoice"], Rows(page, "type"));
        Assert.Equal(["Alfa LLC", "Beta JSC", "Alfa LLC"], Rows(page, "client"));
        Assert.Equal(["Issued", "Draft", "Paid"], Rows(page, "state"));
        Assert.Equal("1,220.00 RUB", Rows(page, "total")[0]);
        Assert.DoesNotContain("c-alfa", page.Markup, StringComparison.Ordinal);

        var (type, state, client) = (Filter(page, 0), Filter(page, 1), Filter(page, 2));
        await page.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync("invoice"));
        page.WaitForAssertion(() => Assert.Equal(["СЧ-2026-000007", "СЧ-2025-000042"], Rows(page, "number")));
        Assert.Equal("invoice", DocumentRecordsApi.ListRequests[^1].Type);

        await page.InvokeAsync(() => state.Instance.ValueChanged.InvokeAsync("paid"));
        page.WaitForAssertion(() => Assert.Equal(["СЧ-2025-000042"], Rows(page, "number")));
        Assert.Equal(("invoice", "paid"), (DocumentRecordsApi.ListRequests[^1].Type, DocumentRecordsApi.ListRequests[^1].State));

        await page.InvokeAsync(() => state.Instance.ValueChanged.InvokeAsync(null!));
        await page.InvokeAsync(() => page.FindComponents<RadzenDatePicker<DateTime?>>()[0].Instance.ValueChanged.InvokeAsync(new DateTime(2026, 1, 1)));
        page.WaitForAssertion(() => Assert.Equal(["СЧ-2026-000007"], Rows(page, "number")));

        await page.InvokeAsync(() => client.Instance.ValueChanged.InvokeAsync("c-beta"));
        page.WaitForElement("[data-testid=documents-nothing-found]");
        Assert.Equal(("c-beta", "invoice", ""), (DocumentRecordsApi.ListRequests[^1].CompanyId, DocumentRecordsApi.ListRequests[^1].Type, DocumentRecordsApi.ListRequests[^1].State));

        page.Find("[data-testid=documents-clear-filters]").Click();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page, "number").Count));
    }

    [Fact]
    public void A_list_without_documents_says_how_to_make_one()
    {
        var page = Render<DocumentsListPage>();

        page.WaitForElement("[data-testid=documents-empty]");
        Assert.Contains(Texts.DocumentRecords.EmptyHint.En, page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoice", "draft", "document-edit document-issue")]
    [InlineData("invoice", "issued", "document-send document-mark-paid document-annul document-view-pdf")]
    [InlineData("act", "sent", "document-send document-mark-signed document-annul document-view-pdf")]
    [InlineData("invoice", "paid", "document-send document-view-pdf")]
    [InlineData("contract", "signed", "document-send document-view-pdf")]
    [InlineData("invoice", "annulled", "document-view-pdf")]
    public void A_document_offers_the_actions_its_state_allows(string type, string state, string actions)
    {
        var document = Doc("doc-1", type, state, "c-alfa", "Alfa LLC", "2026-12-01", state == "draft" ? "" : "СЧ-2026-000007", "1220.00");
        document.FileAttachmentId = state == "draft" ? "" : "file-1";
        DocumentRecordsApi.Stored.Add(document);

        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-title]");
        var shown = dialog.FindAll("[data-testid^=document-]").Select(e => e.GetAttribute("data-testid")!)
            .Where(id => AllActions.Contains(id)).ToList();
        Assert.Equal(actions.Split(' ').Order(), shown.Order());
    }

    [Fact]
    public void A_reader_without_write_permission_sees_the_document_but_no_actions_except_the_pdf()
    {
        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead);
        var document = Doc("doc-1", "invoice", "issued", "c-alfa", "Alfa LLC", "2026-12-01", "СЧ-2026-000007", "1220.00");
        document.FileAttachmentId = "file-1";
        DocumentRecordsApi.Stored.Add(document);

        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-view-pdf]");
        Assert.Empty(dialog.FindAll("[data-testid=document-actions]"));
    }

    [Fact]
    public void Issuing_a_draft_shows_the_number_it_got_and_then_its_pdf_in_the_page()
    {
        DocumentRecordsApi.Stored.Add(Doc("doc-1", "invoice", "draft", "c-alfa", "Alfa LLC", "2026-12-06", "", "1220.00"));
        DocumentRecordsApi.NextNumber = "СЧ-2026-000123";
        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-issue]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Issued as No. СЧ-2026-000123", dialog.Find("[data-testid=document-done]").TextContent.Trim()));
        Assert.Equal("Invoice No. СЧ-2026-000123 of 12/6/2026", dialog.Find("[data-testid=document-title]").TextContent);
        Assert.Equal("Issued", dialog.Find("[data-testid=document-state]").TextContent.Trim());
        Assert.Equal(["issue"], DocumentRecordsApi.Actions);

        dialog.Find("[data-testid=document-view-pdf]").Click();
        Assert.Equal("files/file-doc-1?inline=true", dialog.Find("[data-testid=document-pdf]").GetAttribute("src"));
    }

    [Fact]
    public void Annulling_asks_first_and_sends_the_reason_only_when_confirmed()
    {
        DocumentRecordsApi.Stored.Add(Doc("doc-1", "invoice", "issued", "c-alfa", "Alfa LLC", "2026-12-06", "СЧ-2026-000001", "1220.00"));
        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-annul]").Click();
        Assert.Contains("Its number stays taken", dialog.Find("[data-testid=document-annul-panel]").TextContent, StringComparison.Ordinal);
        Assert.Empty(DocumentRecordsApi.Actions);
        dialog.Find("[data-testid=document-annul-cancel]").Click();
        Assert.Empty(dialog.FindAll("[data-testid=document-annul-panel]"));

        dialog.Find("[data-testid=document-annul]").Click();
        dialog.Find("[data-testid=document-annul-reason]").Change("The client ordered again");
        dialog.Find("[data-testid=document-annul-confirm]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Annulled", dialog.Find("[data-testid=document-state]").TextContent.Trim()));
        Assert.Equal(["annul The client ordered again"], DocumentRecordsApi.Actions);
    }

    [Fact]
    public void Sending_starts_with_the_deal_contacts_address_and_sends_the_one_typed()
    {
        var document = Doc("doc-1", "invoice", "issued", "c-alfa", "Alfa LLC", "2026-12-06", "СЧ-2026-000001", "1220.00");
        document.ContactId = "p-2";
        DocumentRecordsApi.Stored.Add(document);
        CompaniesApi.OnListContacts = _ => Calls.Ok(new ListContactsResponse
        {
            Contacts =
            {
                new Contact { Id = "p-1", FullName = "Ivan Petrov", Email = "ivan@alfa.example" },
                new Contact { Id = "p-2", FullName = "Olga Sidorova", Email = "olga@alfa.example" },
            },
        });
        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-send]").Click();
        dialog.WaitForAssertion(() => Assert.Equal("olga@alfa.example", dialog.Find("[data-testid=document-send-to]").GetAttribute("value")));
        dialog.Find("[data-testid=document-send-to]").Change("accounts@alfa.example");
        dialog.Find("[data-testid=document-send-confirm]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Sent", dialog.Find("[data-testid=document-state]").TextContent.Trim()));
        var sent = Assert.Single(DocumentRecordsApi.SendRequests);
        Assert.Equal(("accounts@alfa.example", "Invoice No. СЧ-2026-000001 of 12/6/2026"), (sent.To, sent.Subject));
        Assert.Contains("accounts@alfa.example", dialog.Find("[data-testid=document-email]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Marking_an_invoice_paid_sends_the_date_chosen()
    {
        DocumentRecordsApi.Stored.Add(Doc("doc-1", "invoice", "sent", "c-alfa", "Alfa LLC", "2026-12-06", "СЧ-2026-000001", "1220.00"));
        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-mark-paid]").Click();
        dialog.InvokeAsync(() => dialog.FindComponent<RadzenDatePicker<DateTime>>().Instance.ValueChanged.InvokeAsync(new DateTime(2026, 12, 8)));
        dialog.Find("[data-testid=document-paid-confirm]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Paid", dialog.Find("[data-testid=document-state]").TextContent.Trim()));
        Assert.Equal(["paid 2026-12-08"], DocumentRecordsApi.Actions);
    }

    [Fact]
    public void Editing_a_draft_sends_its_lines_as_the_service_reads_decimals_and_shows_a_line_error_under_it()
    {
        DocumentRecordsApi.Stored.Add(Doc("doc-1", "invoice", "draft", "c-alfa", "Alfa LLC", "2026-12-06", "", "1220.00"));
        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-edit]").Click();
        Assert.Equal("Kettle", dialog.Find("[data-testid=line-name]").GetAttribute("value"));
        dialog.Find("[data-testid=line-price]").Change("1 500,50");
        dialog.Find("[data-testid=line-add]").Click();
        dialog.FindAll("[data-testid=line-name]")[1].Change("Delivery");
        dialog.FindAll("[data-testid=line-unit]")[1].Change("service");
        dialog.FindAll("[data-testid=line-price]")[1].Change("300");
        dialog.InvokeAsync(() => dialog.FindComponents<RadzenDropDown<string>>()[1].Instance.ValueChanged.InvokeAsync("none"));
        DocumentRecordsApi.OnUpdate = _ => Calls.Fail<Document>(Calls.Invalid(("lines[1].quantity", "Must be more than 0.")));
        dialog.FindAll("[data-testid=line-quantity]")[1].Change("0");
        dialog.Find("[data-testid=document-save-draft]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Must be more than 0.", dialog.Find("[data-testid='field-error-lines[1].quantity']").TextContent));
        Assert.Equal("Delivery", dialog.FindAll("[data-testid=line-name]")[1].GetAttribute("value"));
        DocumentRecordsApi.OnUpdate = null;
        DocumentRecordsApi.UpdateRequests.Clear();
        dialog.FindAll("[data-testid=line-quantity]")[1].Change("1");
        dialog.Find("[data-testid=document-save-draft]").Click();

        dialog.WaitForAssertion(() => Assert.Single(DocumentRecordsApi.UpdateRequests));
        var lines = DocumentRecordsApi.UpdateRequests[0].Lines.Select(l => (l.Name, l.Quantity, l.Unit, l.Price, l.VatRate)).ToList();
        Assert.Equal([("Kettle", "2", "pcs", "1500.50", "22"), ("Delivery", "1", "service", "300", "none")], lines);
        Assert.Equal("1", DocumentRecordsApi.UpdateRequests[0].Version);
        dialog.WaitForAssertion(() => Assert.Equal("Draft saved", dialog.Find("[data-testid=document-done]").TextContent.Trim()));
    }

    [Fact]
    public void Create_invoice_on_a_deal_takes_two_clicks_with_the_defaults_and_opens_the_invoice()
    {
        SellerOrganisationsApi.Stored.Add(new Organisation { Id = "org-2", Name = "Second Company LLC", Version = "1" });
        var dialogs = Render<RadzenDialog>();
        var deal = Render<RecordDocuments>(p => p.Add(r => r.DealId, "d-1").Add(r => r.DealTitle, "Kettles"));

        deal.WaitForElement("[data-testid=create-invoice]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("org-1", dialogs.FindComponent<CreateInvoiceDialog>().FindComponents<RadzenDropDown<string>>()[0].Instance.Value));
        Assert.Contains("Invoice for the deal “Kettles”", dialogs.Markup, StringComparison.Ordinal);
        dialogs.Find("[data-testid=create-invoice-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Invoice (draft) of 12/6/2026", dialogs.Find("[data-testid=document-title]").TextContent));
        var request = Assert.Single(DocumentRecordsApi.CreateFromDealRequests);
        Assert.Equal(("d-1", "invoice", "org-1", ""), (request.DealId, request.Type, request.OrganisationId, request.TemplateId));
        Assert.NotNull(dialogs.Find("[data-testid=document-issue]"));
        deal.WaitForAssertion(() => Assert.Equal(["no number"], Rows(deal, "number")));
        Assert.Equal("d-1", DocumentRecordsApi.ListRequests[^1].DealId);
    }

    private static readonly string[] AllActions =
    [
        "document-edit", "document-issue", "document-send", "document-mark-paid", "document-mark-signed", "document-annul", "document-view-pdf",
    ];

    private static Document Doc(string id, string type, string state, string companyId, string companyName, string date, string number, string total) => new()
    {
        Id = id, Type = type, State = state, CompanyId = companyId, CompanyName = companyName, Date = date, Number = number, Total = total,
        Net = total, Vat = "0.00", Currency = "RUB", OrganisationId = "org-1", OrganisationName = "Our Company LLC", Version = "1",
        Lines = { new DocumentLine { Position = 1, Name = "Kettle", Quantity = "2", Unit = "pcs", Price = "500.00", Amount = "1000.00", VatLabel = "22 %", VatAmount = "220.00", Total = "1220.00" } },
    };

    private static List<string> Rows<T>(IRenderedComponent<T> page, string column)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. page.FindAll($"[data-testid=document-row-{column}]").Select(e => e.TextContent.Trim())];

    private static IRenderedComponent<RadzenDropDown<string>> Filter(IRenderedComponent<DocumentsListPage> page, int index) =>
        page.FindComponents<RadzenDropDown<string>>()[index];
}
