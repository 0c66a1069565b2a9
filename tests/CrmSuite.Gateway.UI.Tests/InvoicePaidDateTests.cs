using System.Globalization;
using Bunit;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.DocumentRecords;
using CrmSuite.Gateway.UI.Security;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// An invoice marked paid as a person does it, with the date the form starts with; and a document's own
/// page (where the company timeline links to).
/// </summary>
public sealed class InvoicePaidDateTests : UiTest
{
    public InvoicePaidDateTests()
    {
        UseCulture("en-US");
        SignInWith(Permissions.ClientsRead, Permissions.DocumentsRead, Permissions.DocumentsWrite);
    }

    [Fact]
    public void An_invoice_dated_after_the_servers_today_is_marked_paid_on_its_own_date_by_default()
    {
        // Dated in Moscow, already tomorrow while the server's clock is still on today.
        var dated = DateTime.Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        DocumentRecordsApi.Stored.Add(Invoice("doc-1", dated));
        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-mark-paid]").Click();
        dialog.Find("[data-testid=document-paid-confirm]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Paid", dialog.Find("[data-testid=document-state]").TextContent.Trim()));
        Assert.Equal([$"paid {dated}"], DocumentRecordsApi.Actions);
    }

    [Fact]
    public void An_older_invoice_is_marked_paid_today_by_default()
    {
        DocumentRecordsApi.Stored.Add(Invoice("doc-1", "2026-01-15"));
        var dialog = Render<DocumentDialog>(p => p.Add(d => d.DocumentId, "doc-1"));

        dialog.WaitForElement("[data-testid=document-mark-paid]").Click();
        dialog.Find("[data-testid=document-paid-confirm]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Paid", dialog.Find("[data-testid=document-state]").TextContent.Trim()));
        Assert.Equal([$"paid {DateTime.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"], DocumentRecordsApi.Actions);
    }

    [Fact]
    public void A_documents_page_shows_the_document_with_a_way_back_to_the_list()
    {
        var id = Guid.NewGuid();
        DocumentRecordsApi.Stored.Add(Invoice(id.ToString(), "2026-01-15"));

        var page = Render<DocumentPage>(p => p.Add(d => d.Id, id));

        page.WaitForAssertion(() => Assert.Equal("Invoice No. СЧ-2026-000007 of 1/15/2026", page.Find("[data-testid=document-title]").TextContent.Trim()));
        Assert.Equal("documents/list", page.Find("[data-testid=document-page-back]").GetAttribute("href"));
    }

    private static Document Invoice(string id, string date) => new()
    {
        Id = id, Type = "invoice", State = "sent", CompanyId = "c-alfa", CompanyName = "Alfa LLC", Date = date, Number = "СЧ-2026-000007",
        Total = "1220.00", Net = "1000.00", Vat = "220.00", Currency = "RUB", OrganisationId = "org-1", OrganisationName = "Our Company LLC", Version = "1",
        Lines = { new DocumentLine { Position = 1, Name = "Kettle", Quantity = "2", Unit = "pcs", Price = "500.00", Amount = "1000.00", VatLabel = "22 %", VatAmount = "220.00", Total = "1220.00" } },
    };
}
