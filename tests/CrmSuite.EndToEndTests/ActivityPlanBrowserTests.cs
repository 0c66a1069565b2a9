using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>Activity plans in Chromium through the gateway, the scheduling and the clients services: made on the settings page, applied on a company card.</summary>
public sealed class ActivityPlanBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_makes_a_two_step_plan_and_applies_it_on_a_company_card_whose_tasks_then_show_both()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var planName = $"Onboarding {suffix}";
        var (first, second) = ($"Welcome call {suffix}", $"Send the price list {suffix}");
        var created = await suite.Gateway.PostAsJsonAsync("/api/clients/v1/companies", new { name = $"Plan target {suffix}" }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var companyId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();

        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/settings/activities");
        try
        {
            // The settings page: the built-in types are listed; a plan of two steps, the second a day later.
            await browser.OpenAsync(page, "/settings/activities");
            await Expect(page.GetByTestId("activity-type-row").First).ToBeVisibleAsync();
            await page.GetByTestId("add-activity-plan").ClickAsync();
            await BrowserFixture.FillFieldAsync(page, "activity-plan-name", planName);
            await page.GetByTestId("add-activity-plan-step").ClickAsync();
            await Expect(page.GetByTestId("activity-plan-step")).ToHaveCountAsync(2);
            await FillAsync(page.GetByTestId("activity-plan-step-title").Nth(0), first);
            await FillAsync(page.GetByTestId("activity-plan-step-title").Nth(1), second);
            await page.GetByTestId("save-activity-plan").ClickAsync();
            var plan = page.GetByTestId("activity-plan-card").Filter(new() { HasText = planName });
            await Expect(plan.GetByTestId("activity-plan-step-row")).ToHaveCountAsync(2);

            // The company card's Tasks: apply the plan by its name; both activities are listed at once.
            await browser.OpenAsync(page, $"/clients/{companyId}");
            await page.Locator(".rz-tabview-nav").GetByText("Tasks", new() { Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("company-items-empty")).ToBeVisibleAsync();
            await page.GetByTestId("open-apply-plan").ClickAsync();
            await Expect(page.GetByTestId("apply-plan-form")).ToBeVisibleAsync();
            await page.GetByTestId("apply-plan-choice").ClickAsync();
            await page.Locator(".rz-dropdown-item:visible", new() { HasText = planName }).First.ClickAsync();
            await Expect(page.GetByTestId("apply-plan-step")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("apply-plan-preview")).ToContainTextAsync(second);
            await page.GetByTestId("apply-plan").ClickAsync();

            await Expect(page.GetByTestId("apply-plan-form")).ToHaveCountAsync(0);
            var planned = page.GetByTestId("company-item-planned");
            await Expect(planned.GetByText(first, new() { Exact = true })).ToBeVisibleAsync();
            await Expect(planned.GetByText(second, new() { Exact = true })).ToBeVisibleAsync();

            // Stored by the service: the company's items are both steps.
            var items = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Get, $"/api/scheduling/v1/items?companyId={companyId}", null);
            Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal),
                items.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).Order(StringComparer.Ordinal));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    /// <summary>Types into one of several like fields and leaves it, as a person does.</summary>
    private static async Task FillAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.BlurAsync();
        await Expect(field).ToHaveValueAsync(value);
    }
}
