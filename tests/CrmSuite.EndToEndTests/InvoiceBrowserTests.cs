using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;
using static CrmSuite.EndToEndTests.InvoiceGatewayTests;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Issue 13's invoice in Chromium through the gateway and the whole suite, as a salesperson makes it:
/// from the deal's card "Create invoice", issue it, look at its PDF, e-mail it to the deal's contact
/// (a real SMTP server in this process receives it with the PDF attached), mark it paid, and find it
/// on the company's card: paid in its Documents tab, issued, sent and paid on its timeline.
/// </summary>
public sealed class InvoiceBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task From_a_deal_an_invoice_is_issued_viewed_e_mailed_with_its_PDF_marked_paid_and_shown_on_the_company_card()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var buyer = $"buyer-{suffix}@example.com";
        var organisationName = $"ООО «Продавец {suffix}»";
        var companyName = $"ООО «Покупатель {suffix}»";
        var dealTitle = $"Чайники {suffix}";
        using var admin = suite.WithToken((await suite.Oidc.SignInAsync("admin", SuiteFixture.AdminNewPassword, cancellationToken: Ct)).AccessToken);
        await SendAsync(admin, HttpMethod.Post, "/api/documents/v1/organisations", new
        {
            name = organisationName, inn = "7707083893", kpp = "773601001", ogrn = "1027700132195",
            address = "117312, г. Москва, ул. Вавилова, д. 19", bankName = "ПАО Сбербанк", bik = "044525225",
            correspondentAccount = "30101810400000000225", settlementAccount = "40702810138250123017", directorName = "Иванов И. И.",
        });
        var company = await SendAsync(admin, HttpMethod.Post, "/api/clients/v1/companies", new { name = companyName, inn = "7736207543" });
        var companyId = company.GetProperty("id").GetString()!;
        var contact = await SendAsync(admin, HttpMethod.Post, $"/api/clients/v1/companies/{companyId}/contacts", new { fullName = "Пётр Покупателев", email = buyer });
        await SendAsync(admin, HttpMethod.Post, "/api/clients/v1/deals", new
        {
            title = dealTitle, companyId, contactId = contact.GetProperty("id").GetString(), amount = "15000.00", currency = "RUB",
        });
        var number = $"СЧ-{DateTime.UtcNow.Year}-000001";

        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, $"/clients/{companyId}");
        try
        {
            // The deal's card, from the company's Deals tab.
            await page.GetByTestId("tab-deals").ClickAsync();
            await page.GetByTestId("deal-row-title").GetByText(dealTitle, new() { Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("deal-form")).ToBeVisibleAsync();

            // "Create invoice": our organisation, the built-in template, Create; the draft opens.
            await page.GetByTestId("create-invoice").ClickAsync();
            await Expect(page.GetByTestId("create-invoice-dialog")).ToBeVisibleAsync();
            await page.GetByTestId("create-invoice-organisation").ClickAsync();
            await page.Locator(".rz-dropdown-item:visible", new() { HasText = organisationName }).First.ClickAsync();
            await Expect(page.GetByTestId("create-invoice-organisation")).ToContainTextAsync(organisationName);
            await page.GetByTestId("create-invoice-confirm").ClickAsync();
            var document = page.GetByTestId("document-dialog");
            await Expect(document.GetByTestId("document-state")).ToHaveTextAsync("Draft");
            await Expect(document.GetByTestId("document-client")).ToHaveTextAsync(companyName);

            // Issue: it gets the organisation's first number of the year.
            await document.GetByTestId("document-issue").ClickAsync();
            // Issuing prints the PDF (Chromium was started with the service); on a loaded machine that can take longer than
            // a click's usual wait (the button shows it is busy meanwhile).
            await Expect(document.GetByTestId("document-state")).ToHaveTextAsync("Issued", new() { Timeout = 90_000 });
            await Expect(document.GetByTestId("document-title")).ToContainTextAsync(number);

            // The PDF, shown in the dialog.
            var pdf = await page.RunAndWaitForResponseAsync(() => document.GetByTestId("document-view-pdf").ClickAsync(),
                response => response.Url.Contains("/files/", StringComparison.Ordinal) && response.Url.Contains("inline=true", StringComparison.Ordinal));
            Assert.Equal(200, pdf.Status);
            Assert.Equal("application/pdf", (await pdf.AllHeadersAsync())["content-type"]);
            await Expect(document.GetByTestId("document-pdf")).ToBeVisibleAsync();

            // Send: to the deal's contact by default.
            await document.GetByTestId("document-send").ClickAsync();
            await Expect(document.GetByTestId("document-send-to")).ToHaveValueAsync(buyer);
            await document.GetByTestId("document-send-confirm").ClickAsync();
            await Expect(document.GetByTestId("document-state")).ToHaveTextAsync("Sent");
            await Expect(document.GetByTestId("document-email")).ToContainTextAsync(buyer);

            // The mail server has the message (the service answers only after the server took it), the PDF attached byte for byte.
            var message = Assert.Single(suite.Smtp.Messages, m => m.To.Mailboxes.Any(to => to.Address == buyer));
            Assert.Contains(number, message.Subject, StringComparison.Ordinal);
            var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
            Assert.Equal("application/pdf", attachment.ContentType.MimeType);
            using var attached = new MemoryStream();
            await attachment.Content!.DecodeToAsync(attached, Ct);
            var stored = await SingleDocumentAsync(admin, companyId);
            Assert.Equal(stored.GetProperty("fileSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(attached.ToArray())));

            // Paid (today).
            await document.GetByTestId("document-mark-paid").ClickAsync();
            await document.GetByTestId("document-paid-confirm").ClickAsync();
            await Expect(document.GetByTestId("document-state")).ToHaveTextAsync("Paid");

            // The company's card: the Documents tab shows it paid.
            await browser.OpenAsync(page, $"/clients/{companyId}");
            await page.GetByTestId("tab-documents").ClickAsync();
            var row = page.GetByTestId("documents-grid").Locator(".rz-data-row").Filter(new() { Has = page.GetByTestId("document-row-number").GetByText(number) });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("document-row-state")).ToHaveTextAsync("Paid");
            await Expect(row.GetByTestId("document-row-type")).ToHaveTextAsync("Invoice");

            // Its timeline: issued (with the total), sent (to whom), paid, each naming the invoice and linking to it.
            await WaitForTimelineAsync(admin, companyId, "document.issued", "document.sent", "document.paid");
            await browser.OpenAsync(page, $"/clients/{companyId}");
            await page.GetByTestId("tab-timeline").ClickAsync();
            var timeline = page.GetByTestId("timeline");
            var issued = timeline.Locator("[data-testid=timeline-row][data-action='document.issued']");
            var sent = timeline.Locator("[data-testid=timeline-row][data-action='document.sent']");
            var paid = timeline.Locator("[data-testid=timeline-row][data-action='document.paid']");
            await Expect(issued.GetByTestId("timeline-action")).ToHaveTextAsync("Document issued");
            await Expect(issued.GetByTestId("timeline-document")).ToHaveTextAsync($"Invoice {number}");
            await Expect(issued.GetByTestId("timeline-document-amount")).ToContainTextAsync("RUB");
            await Expect(issued.GetByTestId("timeline-user")).ToHaveTextAsync("Administrator");
            await Expect(sent.GetByTestId("timeline-document-detail")).ToHaveTextAsync($"to {buyer}");
            await Expect(paid.GetByTestId("timeline-action")).ToHaveTextAsync("Invoice paid");

            // The row's link opens the invoice's own page.
            await paid.GetByTestId("timeline-document").ClickAsync();
            await Expect(page.GetByTestId("document-page")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("document-title")).ToContainTextAsync(number);
            await Expect(page.GetByTestId("document-state")).ToHaveTextAsync("Paid");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    private static async Task<JsonElement> SingleDocumentAsync(HttpClient admin, string companyId)
    {
        var list = await SendAsync(admin, HttpMethod.Get, $"/api/documents/v1/documents?companyId={companyId}");
        return Assert.Single(list.GetProperty("documents").EnumerateArray());
    }

    /// <summary>
    /// The timeline rows come through the outbox, the pub/sub emulator and the clients service's inbox,
    /// after the person's action answered: waits (bounded) until the timeline API lists them.
    /// </summary>
    private static async Task WaitForTimelineAsync(HttpClient admin, string companyId, params string[] actions)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var shown = new List<string>();
        while (DateTime.UtcNow < deadline && !actions.All(shown.Contains))
        {
            var changes = await SendAsync(admin, HttpMethod.Get, $"/api/clients/v1/companies/{companyId}/changes?pageSize=50");
            shown = [.. changes.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString()!)];
            if (!actions.All(shown.Contains))
            {
                await Task.Delay(250, Ct);
            }
        }
        Assert.Subset(shown.ToHashSet(), actions.ToHashSet());
    }
}
