using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Activity types and "what next" in Chromium through the gateway and the scheduling service: a call
/// planned by its type, completed with its result, and the next call planned in the same step shows
/// in the calendar on its day.
/// </summary>
public sealed class CompleteActivityBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private static ILocator Entry(IPage page, string title) =>
        page.GetByTestId("calendar-item").Filter(new() { Has = page.GetByTestId("calendar-item-title").GetByText(title, new() { Exact = true }) });

    [Fact]
    public async Task A_call_completed_with_its_result_plans_the_next_call_which_shows_in_the_calendar_on_its_day()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (title, nextTitle) = ($"Call Alfa {suffix}", $"Call Alfa again {suffix}");
        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/calendar");
        try
        {
            await browser.OpenAsync(page, "/calendar");
            // Two weeks ahead: this week's and next week's slots are where the other calendar tests plan.
            for (var week = 0; week < 2; week++)
            {
                await BrowserFixture.CalendarNextAsync(page);
            }
            await page.Locator("[data-testid=calendar] .rz-slot").Nth(30).ClickAsync();
            await BrowserFixture.DialogReadyAsync(page, "item-form");
            await page.GetByTestId("item-type-input").ClickAsync();
            await page.Locator(".rz-dropdown-item:visible").GetByText("Call", new() { Exact = true }).ClickAsync();
            // The type named the call "Call" and made it a call with a required result.
            await Expect(page.GetByTestId("item-title-input")).ToHaveValueAsync("Call");
            await Expect(page.GetByTestId("item-reminders-input")).ToContainTextAsync("15 min before");
            await BrowserFixture.FillFieldAsync(page, "item-title-input", title);
            await page.GetByTestId("save-item").ClickAsync();
            await Expect(page.GetByTestId("item-form")).ToHaveCountAsync(0);

            await BrowserFixture.OpenCalendarEntryAsync(page, Entry(page, title));
            await Expect(page.GetByTestId("item-details-kind")).ToHaveTextAsync("Call");
            await page.GetByTestId("complete-item").ClickAsync();
            await Expect(page.GetByTestId("complete-dialog")).ToBeVisibleAsync();
            // Without a result the service refuses, and says so at the result.
            await page.GetByTestId("complete-confirm").ClickAsync();
            await Expect(page.Locator("[data-testid=complete-dialog] [data-testid=field-error-result]")).ToBeVisibleAsync();
            await BrowserFixture.FillFieldAsync(page, "item-result-input", "No answer; call again tomorrow");
            await page.Locator("[data-testid=complete-plan-next] .rz-chkbox-box").ClickAsync();
            await Expect(page.GetByTestId("complete-next-type")).ToContainTextAsync("Call");
            await BrowserFixture.FillFieldAsync(page, "complete-next-title", nextTitle);
            await page.GetByTestId("complete-confirm").ClickAsync();
            await Expect(page.GetByTestId("complete-dialog")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("item-details")).ToHaveCountAsync(0);

            // The next call is planned for tomorrow (a call suggests no other type, so the same one, a day later) at the call's time.
            var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.Local).Date.AddDays(1);
            await browser.OpenAsync(page, $"/calendar?date={tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            await Expect(Entry(page, nextTitle)).ToHaveCountAsync(1);
            await BrowserFixture.OpenCalendarEntryAsync(page, Entry(page, nextTitle));
            await Expect(page.GetByTestId("item-details-kind")).ToHaveTextAsync("Call");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
