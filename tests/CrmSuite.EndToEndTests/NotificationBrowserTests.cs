using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// A reminder in the browser, through the gateway and the scheduling service's dispatcher and live
/// stream: a person has two pages open, a reminder comes due, and both pages show the toast at once
/// and count one more in the bell.
/// </summary>
public sealed class NotificationBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static async Task<int> CountAsync(IPage page)
    {
        var count = page.GetByTestId("bell-count");
        return await count.CountAsync() == 0 ? 0 : int.Parse(await count.InnerTextAsync(), Invariant);
    }

    [Fact]
    public async Task A_reminder_coming_due_shows_a_toast_on_every_open_page_of_the_person_and_the_bell_counts_it()
    {
        var userName = $"reminded.{Guid.NewGuid().ToString("N")[..6]}";
        const string Chosen = "Reminded-Secret-2026";
        var oneTime = await suite.CreateUserAsync(userName, "SalesManager");
        var token = (await suite.Oidc.SignInAsync(userName, oneTime, Chosen, TestContext.Current.CancellationToken)).AccessToken;
        var title = $"Call back {Guid.NewGuid().ToString("N")[..8]}";

        var calendar = await browser.NewPageAsync(suite.GatewayAddress);
        IPage? home = null;
        try
        {
            await calendar.GotoAsync("/calendar");
            await calendar.GetByTestId("login-username").FillAsync(userName);
            await calendar.GetByTestId("login-password").FillAsync(Chosen);
            await calendar.GetByTestId("login-submit").ClickAsync();
            await browser.InteractiveAsync(calendar);
            home = await calendar.Context.NewPageAsync();
            await browser.OpenAsync(home, "/");
            // Both pages listen (the stream answered) before the reminder comes due.
            foreach (var page in new[] { calendar, home })
            {
                await Expect(page.Locator("[data-testid=bell][data-live=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            }
            var before = (await CountAsync(calendar), await CountAsync(home));

            // A call in ten minutes with a reminder an hour before: that time is past, so the reminder
            // is due now (the rule for a reminder whose time has passed) and the dispatcher delivers it
            // on its next round.
            var start = DateTime.UtcNow.AddMinutes(10);
            using var http = suite.WithToken(token);
            using var created = await http.PostAsJsonAsync("/api/scheduling/v1/items", new
            {
                kind = "ITEM_KIND_CALL", title, timeZone = "UTC",
                start = start.ToString("yyyy-MM-dd'T'HH:mm", Invariant), end = start.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm", Invariant),
                reminderMinutesBefore = new[] { 60 },
            }, TestContext.Current.CancellationToken);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

            foreach (var (page, count) in new[] { (calendar, before.Item1), (home, before.Item2) })
            {
                await Expect(page.Locator(".rz-notification-item").GetByText(title, new() { Exact = false })).ToBeVisibleAsync(new() { Timeout = 60_000 });
                await Expect(page.GetByTestId("bell-count")).ToHaveTextAsync((count + 1).ToString(Invariant));
            }

            // The bell lists it by title; a click opens the call and reads it.
            await calendar.GetByTestId("bell-button").ClickAsync();
            await calendar.GetByTestId("bell-item-title").GetByText(title, new() { Exact = true }).ClickAsync();
            await Expect(calendar.Locator(".rz-dialog")).ToContainTextAsync(title);
            await Expect(home.GetByTestId("bell-count")).ToHaveCountAsync(before.Item2 == 0 ? 0 : 1);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(home ?? calendar), ex);
        }
    }
}
