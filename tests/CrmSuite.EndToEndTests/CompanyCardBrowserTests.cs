using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>The company card in Chromium through the gateway: requisites, custom sections as tabs, the timeline.</summary>
public sealed class CompanyCardBrowserTests
{
    private readonly SuiteFixture suite;
    private readonly BrowserFixture browser;

    public CompanyCardBrowserTests(SuiteFixture suite, BrowserFixture browser)
    {
        (this.suite, this.browser) = (suite, browser);
    }

    [Fact]
    public async Task An_administrator_adds_a_custom_section_and_its_field_appears_on_the_company_card_and_keeps_its_value()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var sectionName = $"Logistics {suffix}";
        var fieldName = $"Dock {suffix}";
        var created = await suite.Gateway.PostAsJsonAsync("/api/clients/v1/companies", new { name = $"Custom card {suffix}" }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var companyId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();

        var page = await SignInAsAdministratorAsync();

        // The settings page: a section, then a text field in it.
        await browser.OpenAsync(page, "/settings/custom-fields");
        await page.GetByTestId("add-section").ClickAsync();
        await BrowserFixture.FillFieldAsync(page, "section-name-ru-input", sectionName);
        await BrowserFixture.FillFieldAsync(page, "section-name-en-input", sectionName);
        await page.GetByTestId("save-section").ClickAsync();
        var section = page.GetByTestId("section-card").Filter(new() { HasText = sectionName });
        await Expect(section).ToHaveCountAsync(1);
        await section.GetByTestId("add-field").ClickAsync();
        await BrowserFixture.FillFieldAsync(page, "field-name-ru-input", fieldName);
        await BrowserFixture.FillFieldAsync(page, "field-name-en-input", fieldName);
        await page.GetByTestId("save-field").ClickAsync();
        await Expect(section.GetByTestId("field-name")).ToHaveTextAsync(fieldName);

        // The company card has the section as a tab with the field, empty until filled.
        await browser.OpenAsync(page, $"/clients/{companyId}");
        await OpenTabAsync(page, sectionName);
        var tab = page.Locator("[data-testid=custom-section]:visible");
        await Expect(tab.GetByTestId("custom-label")).ToContainTextAsync(fieldName);
        await tab.GetByTestId("edit-custom").ClickAsync();
        var input = tab.Locator("[data-testid^=custom-input-]");
        await input.FillAsync("North gate 3");
        await input.BlurAsync();
        await tab.GetByTestId("save-custom").ClickAsync();
        await Expect(tab.Locator("[data-testid^=custom-value-]")).ToHaveTextAsync("North gate 3");

        // After a reload the value is still there, read from the service.
        await page.ReloadAsync();
        await browser.InteractiveAsync(page);
        await OpenTabAsync(page, sectionName);
        await Expect(page.Locator("[data-testid=custom-section]:visible [data-testid^=custom-value-]")).ToHaveTextAsync("North gate 3");
    }

    [Fact]
    public async Task A_company_is_created_through_the_card_with_requisites_after_a_bad_KPP_is_pointed_out()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"ПАО «Реквизиты {suffix}»";
        var page = await SignInAsAdministratorAsync();

        await browser.OpenAsync(page, "/clients/new");
        await BrowserFixture.FillFieldAsync(page, "company-name-input", name);
        await BrowserFixture.FillFieldAsync(page, "company-inn-input", "7707083893");
        await BrowserFixture.FillFieldAsync(page, "company-kpp-input", "77360100");
        await BrowserFixture.FillFieldAsync(page, "company-ogrn-input", "1027700132195");
        await BrowserFixture.FillFieldAsync(page, "company-bik-input", "044525225");
        await BrowserFixture.FillFieldAsync(page, "company-account-input", "40702810138250123017");
        await BrowserFixture.FillFieldAsync(page, "company-correspondent-account-input", "30101810400000000225");
        await BrowserFixture.FillFieldAsync(page, "company-tags-input", "VIP, опт");
        await page.GetByTestId("save-company").ClickAsync();
        await Expect(page.GetByTestId("field-error-details.kpp")).ToContainTextAsync("9 characters");

        await BrowserFixture.FillFieldAsync(page, "company-kpp-input", "773601001");
        await page.GetByTestId("save-company").ClickAsync();

        await Expect(page.GetByTestId("company-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("company-kpp")).ToHaveTextAsync("773601001");
        await Expect(page.GetByTestId("company-ogrn")).ToHaveTextAsync("1027700132195");
        await Expect(page.GetByTestId("company-account")).ToHaveTextAsync("40702810138250123017");
        await Expect(page.GetByTestId("company-tag")).ToHaveTextAsync(["vip", "опт"]);
        await OpenTabAsync(page, "Timeline|История");
        await Expect(page.Locator("[data-testid=timeline-row][data-action='company.created']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Typing_the_INN_of_an_existing_company_into_a_new_card_shows_it_and_fills_it_instead_of_creating_a_second()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var inn = TestRequisites.OrganisationInn();
        var existingName = $"Уже в базе {suffix}";
        await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/companies", new { name = existingName, inn });
        var page = await SignInAsAdministratorAsync();

        await browser.OpenAsync(page, "/clients/new");
        await BrowserFixture.FillFieldAsync(page, "company-inn-input", inn);

        var candidate = page.GetByTestId("duplicate-candidate");
        await Expect(candidate.GetByTestId("duplicate-candidate-name")).ToHaveTextAsync(existingName);
        await Expect(candidate.GetByTestId("duplicate-candidate-reasons")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("same INN|тот же ИНН"));

        // The person adds what they know and lets the existing company take it instead of a second card.
        var email = $"new-{suffix}@e2e.example";
        await BrowserFixture.FillFieldAsync(page, "company-email-input", email);
        await candidate.GetByTestId("duplicate-merge").ClickAsync();

        await Expect(page.GetByTestId("company-name")).ToHaveTextAsync(existingName);
        await Expect(page.GetByTestId("company-inn")).ToHaveTextAsync(inn);
        await Expect(page.GetByTestId("company-email")).ToHaveTextAsync(email);
        var found = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Get, $"/api/clients/v1/companies:search?query={inn}", null);
        Assert.Equal(1, found.GetProperty("companies").GetArrayLength());
    }

    private static async Task OpenTabAsync(IPage page, string title) =>
        await page.Locator(".rz-tabview-nav").GetByText(new System.Text.RegularExpressions.Regex($"^({title})$")).ClickAsync();

    private Task<IPage> SignInAsAdministratorAsync() => browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/clients");
}
