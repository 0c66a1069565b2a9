using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Files on a company card and our organisations' requisites in Chromium, through the gateway (its
/// /files routes carry the person's token to the documents service) and the whole suite.
/// </summary>
public sealed class DocumentsFilesBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private const string FileName = "Договор поставки.pdf";

    /// <summary>A one-page PDF with a line of text (enough for the service to know it by its bytes).</summary>
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(string.Join("\n",
        "%PDF-1.4",
        "1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj",
        "2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj",
        "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj",
        "4 0 obj <</Length 45>> stream",
        "BT /F1 14 Tf 20 100 Td (Supply contract) Tj ET",
        "endstream endobj",
        "5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj",
        "trailer <</Root 1 0 R>>",
        "%%EOF"));

    [Fact]
    public async Task A_PDF_uploaded_on_a_company_card_is_listed_previewed_downloaded_byte_for_byte_and_deleted()
    {
        var created = await suite.Gateway.PostAsJsonAsync("/api/clients/v1/companies",
            new { name = $"Files card {Guid.NewGuid().ToString("N")[..6]}" }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var companyId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, $"/clients/{companyId}");
        try
        {
            await page.GetByTestId("tab-files").ClickAsync();
            var files = page.GetByTestId("files");
            await Expect(files.GetByTestId("files-empty")).ToBeVisibleAsync();

            // As the "Upload a file" button's chooser hands the file to the page, once the page listens for it.
            await Expect(files.GetByTestId("files-input")).ToHaveAttributeAsync("data-attached", "true");
            await files.GetByTestId("files-input").SetInputFilesAsync(new FilePayload { Name = FileName, MimeType = "application/pdf", Buffer = Pdf });
            var row = files.Locator(".rz-data-row").Filter(new() { Has = page.GetByTestId("file-name").GetByText(FileName) });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("file-uploaded-by")).ToHaveTextAsync("Administrator");
            await Expect(row.GetByTestId("file-size")).ToHaveTextAsync($"{Pdf.Length} B");
            await Expect(files.GetByTestId("files-upload-error")).ToHaveCountAsync(0);

            // The preview: the PDF inline in a frame of the page (framing allowed for it alone).
            var preview = await page.RunAndWaitForResponseAsync(() => row.GetByTestId("file-preview").ClickAsync(),
                response => response.Url.Contains("/files/", StringComparison.Ordinal) && response.Url.Contains("inline=true", StringComparison.Ordinal));
            Assert.Equal(200, preview.Status);
            var headers = await preview.AllHeadersAsync();
            Assert.Equal("application/pdf", headers["content-type"]);
            Assert.StartsWith("inline", headers["content-disposition"], StringComparison.Ordinal);
            Assert.Equal("SAMEORIGIN", headers["x-frame-options"]);
            await Expect(page.GetByTestId("file-preview-frame")).ToBeVisibleAsync();
            // Closed by its X, as a person does: with the PDF viewer focused, Escape goes to the viewer, not to the page.
            await page.Locator(".rz-dialog .rz-dialog-titlebar-close").ClickAsync();
            await Expect(page.GetByTestId("file-preview-dialog")).ToHaveCountAsync(0);

            var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("file-download").ClickAsync());
            Assert.Equal(FileName, download.SuggestedFilename);
            await using (var stream = await download.CreateReadStreamAsync())
            {
                using var bytes = new MemoryStream();
                await stream.CopyToAsync(bytes, TestContext.Current.CancellationToken);
                Assert.Equal(Pdf, bytes.ToArray());
            }

            await row.GetByTestId("file-delete").ClickAsync();
            var confirm = page.Locator(".rz-dialog");
            await Expect(confirm).ToContainTextAsync(FileName);
            await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await Expect(files.GetByTestId("files-empty")).ToBeVisibleAsync();
            await Expect(row).ToHaveCountAsync(0);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    [Fact]
    public async Task Saving_an_organisation_with_a_bad_INN_shows_the_error_on_the_INN_field_and_saves_nothing()
    {
        var name = $"ООО «Реквизиты {Guid.NewGuid().ToString("N")[..6]}»";
        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/settings/organisations");
        try
        {
            await page.GetByTestId("add-organisation").ClickAsync();
            await Expect(page.GetByTestId("organisation-form")).ToBeVisibleAsync();
            await BrowserFixture.FillFieldAsync(page, "org-name-input", name);
            // 7736207543 is a real INN; its last check digit changed.
            await BrowserFixture.FillFieldAsync(page, "org-inn-input", "7736207544");
            await BrowserFixture.FillFieldAsync(page, "org-kpp-input", "773601001");
            await page.GetByTestId("save-organisation").ClickAsync();

            var innError = page.GetByTestId("org-field-error-inn");
            await Expect(innError).ToBeVisibleAsync();
            // Right under the INN input, in the same field block.
            var innBlock = page.GetByTestId("org-inn-input").Locator("xpath=ancestor::div[.//*[@data-testid='org-field-error-inn']][1]");
            await Expect(innBlock.Locator("input")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("org-field-error-name")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("org-field-error-kpp")).ToHaveCountAsync(0);

            await browser.OpenAsync(page, "/settings/organisations");
            await Expect(page.GetByTestId("organisations-grid").Or(page.GetByTestId("organisations-empty"))).ToBeVisibleAsync();
            await Expect(page.GetByTestId("organisation-name").GetByText(name)).ToHaveCountAsync(0);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
