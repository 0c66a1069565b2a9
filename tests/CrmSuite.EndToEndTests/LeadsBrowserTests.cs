using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>A lead sent by a visitor through the public web form, found, opened and converted by the administrator in Chromium.</summary>
public sealed class LeadsBrowserTests
{
    private const string AdministratorName = "Administrator";
    private const string Site = "https://www.e2e-shop.example";

    private readonly SuiteFixture suite;
    private readonly BrowserFixture browser;

    public LeadsBrowserTests(SuiteFixture suite, BrowserFixture browser)
    {
        this.suite = suite;
        this.browser = browser;
        SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task A_lead_from_the_public_form_is_listed_and_converting_it_opens_the_new_company_with_the_contact()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var person = $"Лид Браузерный {suffix}";
        var companyName = $"E2E Lead Company {suffix}";
        var form = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/lead-forms",
            new { name = $"E2E form {suffix}", allowedOrigins = new[] { Site } });
        var key = form.GetProperty("publicKey").GetString()!;

        // The visitor's browser posts the pasted form, through the gateway, without any account.
        using (var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/clients/v1/forms/{key}/submit"))
        {
            submit.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["person_name"] = person,
                ["company_name"] = companyName,
                ["email"] = $"lead-{suffix}@e2e.example",
                ["message"] = "Хочу купить",
                ["website"] = "",
            });
            submit.Headers.Add("Origin", Site);
            using var response = await suite.Anonymous.SendAsync(submit, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(Site, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }

        var page = await browser.NewPageAsync(suite.GatewayAddress);
        try
        {
            await page.GotoAsync("/leads");
            await page.GetByTestId("login-username").FillAsync("admin");
            await page.GetByTestId("login-password").FillAsync(SuiteFixture.AdminNewPassword);
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("user-name")).ToContainTextAsync(AdministratorName);
            await browser.InteractiveAsync(page);

            // The list: find it by a word of the name, see it is new and came from the web form.
            await page.GetByTestId("leads-search").FillAsync(suffix);
            var link = page.GetByTestId("lead-link").GetByText(person, new() { Exact = true });
            await Expect(link).ToBeVisibleAsync();
            var row = page.Locator("[data-testid=leads-grid] tr", new() { Has = link });
            await Expect(row.GetByTestId("lead-status")).ToHaveTextAsync(new Regex("^(New|Новый)$"));
            await Expect(row).ToContainTextAsync(new Regex("Web form|Веб-форма"));

            // The card, then the conversion: no similar company, so a new one.
            await link.ClickAsync();
            await Expect(page.GetByTestId("lead-name")).ToHaveTextAsync(person);
            await browser.InteractiveAsync(page);
            await page.GetByTestId("convert-lead").ClickAsync();
            await Expect(page.GetByTestId("no-duplicates")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("new-company-name")).ToHaveValueAsync(companyName);
            await page.GetByTestId("confirm-convert").ClickAsync();

            // The new company's card, with the person as its contact.
            await Expect(page.GetByTestId("company-name")).ToHaveTextAsync(companyName);
            Assert.Matches("/clients/[0-9a-f-]{36}$", new Uri(page.Url).AbsolutePath);
            await Expect(page.GetByTestId("contacts-grid")).ToContainTextAsync(person);
            await Expect(page.GetByTestId("contacts-grid")).ToContainTextAsync($"lead-{suffix}@e2e.example");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    [Fact]
    public async Task A_lead_taken_down_by_hand_with_New_lead_opens_its_card_and_is_listed()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var person = $"Лид Ручной {suffix}";

        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/leads");
        try
        {
            await page.GetByTestId("new-lead").ClickAsync();
            await BrowserFixture.DialogReadyAsync(page, "new-lead-form");
            await BrowserFixture.FillFieldAsync(page, "new-lead-person", person);
            await BrowserFixture.FillFieldAsync(page, "new-lead-company", $"E2E Hand Lead {suffix}");
            await BrowserFixture.FillFieldAsync(page, "new-lead-email", "not-an-email");
            await page.GetByTestId("save-new-lead").ClickAsync();

            // A bad e-mail: said under the field, which has the cursor; nothing was created.
            await Expect(page.GetByTestId("field-error-email")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("new-lead-email")).ToBeFocusedAsync();

            await BrowserFixture.FillFieldAsync(page, "new-lead-email", $"hand-{suffix}@e2e.example");
            await page.GetByTestId("save-new-lead").ClickAsync();

            await Expect(page.GetByTestId("lead-name")).ToHaveTextAsync(person);
            Assert.Matches("/leads/[0-9a-f-]{36}$", new Uri(page.Url).AbsolutePath);

            await browser.OpenAsync(page, "/leads");
            await page.GetByTestId("leads-search").FillAsync(suffix);
            await Expect(page.GetByTestId("lead-link").GetByText(person, new() { Exact = true })).ToBeVisibleAsync();
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
