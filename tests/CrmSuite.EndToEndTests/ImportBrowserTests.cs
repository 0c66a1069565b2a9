using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>A person imports a small CSV in Chromium through the gateway: one row duplicates a company by INN and is merged into it.</summary>
public sealed class ImportBrowserTests
{
    private const string AdministratorName = "Administrator";

    private readonly SuiteFixture suite;
    private readonly BrowserFixture browser;

    public ImportBrowserTests(SuiteFixture suite, BrowserFixture browser)
    {
        this.suite = suite;
        this.browser = browser;
        SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task A_csv_row_that_duplicates_a_company_by_inn_is_merged_and_the_new_rows_are_created()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var inn = TestRequisites.OrganisationInn();
        var existingName = $"Существующая {suffix}";
        await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/companies", new { name = existingName, inn });
        var csv = $"Название;ИНН;Email\n"
            + $"Дубль по ИНН {suffix};{inn};merged-{suffix}@e2e.example\n"
            + $"Новая первая {suffix};;first-{suffix}@e2e.example\n"
            + $"Новая вторая {suffix};;\n";

        var page = await browser.NewPageAsync(suite.GatewayAddress);
        try
        {
            await page.GotoAsync("/clients/import");
            await page.GetByTestId("login-username").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync(SuiteFixture.AdminNewPassword);
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("user-name")).ToContainTextAsync(AdministratorName);
            await browser.InteractiveAsync(page);

            var file = new FilePayload { Name = "companies.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) };
            // Blazor's InputFile sees a chosen file only once its script has set the element up, after
            // the page's first interactive render; a file set before that is never read.
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=import-file]')?._blazorInputFileNextFileId !== undefined");
            await page.GetByTestId("import-file").SetInputFilesAsync(file);
            var headers = page.GetByTestId("mapping-header");
            await Expect(headers).ToHaveTextAsync(["Название", "ИНН", "Email"]);
            await page.GetByTestId("import-preview").ClickAsync();

            var duplicate = page.Locator("[data-testid=import-row][data-row='1']");
            await Expect(duplicate.GetByTestId("import-row-reason")).ToContainTextAsync(new Regex("same INN|тот же ИНН"));
            await Expect(duplicate.GetByTestId("import-row-match")).ToHaveTextAsync(existingName);
            await duplicate.GetByTestId("row-action").SelectOptionAsync("Merge");
            await Expect(duplicate).ToHaveAttributeAsync("data-action", "Merge");
            await Expect(page.Locator("[data-testid=import-row][data-action='Create']")).ToHaveCountAsync(2);

            await page.GetByTestId("import-run").ClickAsync();
            await Expect(page.GetByTestId("import-summary")).ToContainTextAsync(new Regex("(Created|Создано): 2, (updated|обновлено): 0, (merged|объединено): 1"));
            await Expect(page.GetByTestId("import-undo")).ToBeVisibleAsync();

            await browser.OpenAsync(page, "/clients");
            await page.GetByTestId("clients-search").FillAsync(suffix);
            var names = page.GetByTestId("company-link");
            await Expect(names).ToHaveTextAsync([$"Новая вторая {suffix}", $"Новая первая {suffix}", existingName]);
            await names.GetByText(existingName).ClickAsync();
            await Expect(page.GetByTestId("company-inn")).ToHaveTextAsync(inn);
            await Expect(page.GetByTestId("company-email")).ToHaveTextAsync($"merged-{suffix}@e2e.example");
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), exception);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
