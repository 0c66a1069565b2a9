using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Recurring work in Chromium through the gateway and the scheduling service: a weekly task made
/// with the form plans next week's instance when it is done.
/// </summary>
public sealed class CalendarSeriesBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    /// <summary>A slot of next week's view (always ahead of now, so a task planned there is not due yet): the given day column at 10:00, in sight without scrolling.</summary>
    private static ILocator Slot(IPage page, int day) => page.Locator("[data-testid=calendar] .rz-view-content .rz-slots").Nth(day + 1).Locator(".rz-slot").Nth(4);

    private static ILocator Entry(IPage page, string title) =>
        page.GetByTestId("calendar-item").Filter(new() { Has = page.GetByTestId("calendar-item-title").GetByText(title, new() { Exact = true }) });

    private static async Task NextWeekAsync(IPage page, string? waitFor = null)
    {
        await BrowserFixture.CalendarNextAsync(page);
        if (waitFor is not null)
        {
            await Expect(Entry(page, waitFor)).ToHaveCountAsync(1);
        }
    }

    private static async Task PlanAsync(IPage page, int day, string kind, string title)
    {
        await Slot(page, day).ClickAsync();
        await BrowserFixture.DialogReadyAsync(page, "item-form");
        await page.GetByTestId("item-kind").GetByText(kind, new() { Exact = true }).ClickAsync();
        await BrowserFixture.FillFieldAsync(page, "item-title-input", title);
        await page.GetByTestId("item-repeat-input").ClickAsync();
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = "Weekly" }).First.ClickAsync();
        await Expect(page.GetByTestId("item-repeat-input")).ToContainTextAsync("Weekly");
        await page.GetByTestId("save-item").ClickAsync();
        await Expect(page.GetByTestId("item-form")).ToHaveCountAsync(0);
        await Expect(Entry(page, title)).ToHaveCountAsync(1);
    }


    private static string WeekLater(string date) =>
        DateTime.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_weekly_task_made_with_the_form_plans_next_weeks_instance_when_it_is_done()
    {
        var title = $"Weekly report {Guid.NewGuid().ToString("N")[..8]}";
        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/calendar");
        try
        {
            await browser.OpenAsync(page, "/calendar");
            await NextWeekAsync(page);
            await PlanAsync(page, 3, "Task", title);
            var due = await Entry(page, title).GetAttributeAsync("data-date");

            await BrowserFixture.OpenCalendarEntryAsync(page, Entry(page, title));
            await page.GetByTestId("complete-item").ClickAsync();
            await Expect(page.GetByTestId("complete-dialog")).ToBeVisibleAsync();
            await page.GetByTestId("complete-confirm").ClickAsync();
            await Expect(page.GetByTestId("item-details")).ToHaveCountAsync(0);

            await NextWeekAsync(page, waitFor: title);
            await Expect(Entry(page, title)).ToHaveAttributeAsync("data-date", WeekLater(due!));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
