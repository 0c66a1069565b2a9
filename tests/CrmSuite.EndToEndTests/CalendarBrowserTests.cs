using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>The calendar in Chromium through the gateway and the scheduling service: plan a meeting from a free slot and see it in the week.</summary>
public sealed class CalendarBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    [Fact]
    public async Task A_meeting_planned_from_a_free_slot_shows_in_the_week_view_and_stays_after_a_reload()
    {
        var title = $"Browser meeting {Guid.NewGuid().ToString("N")[..8]}";

        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/calendar");
        try
        {
            await browser.OpenAsync(page, "/calendar");
            // A slot of the week view (the view the calendar opens in): the meeting lands in this week whichever slot it is.
            await page.Locator("[data-testid=calendar] .rz-slot").Nth(30).ClickAsync();
            await BrowserFixture.DialogReadyAsync(page, "item-form");
            await BrowserFixture.FillFieldAsync(page, "item-title-input", title);
            await page.GetByTestId("save-item").ClickAsync();

            await Expect(page.GetByTestId("calendar-item-title").GetByText(title, new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("item-form")).ToHaveCountAsync(0);

            // After a reload the service's week is shown: the meeting is stored.
            await browser.OpenAsync(page, "/calendar");
            await Expect(page.GetByTestId("calendar-item-title").GetByText(title, new() { Exact = true })).ToBeVisibleAsync();
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
