using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>The staff UI's first impression: the browser's language, and a kanban that fits a laptop screen.</summary>
public sealed class LanguageAndLayoutBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private const string ChosenPassword = "My-Own-Pass-2026";

    [Theory]
    [InlineData("en-US", "Clients", "Hello,")]
    [InlineData("ru-RU", "Клиенты", "Здравствуйте,")]
    public async Task A_new_user_starts_in_the_browsers_language_and_the_browser_keeps_it(string locale, string clients, string welcome)
    {
        // Created without a language (as through the API): nobody chose one for the user yet.
        var userName = $"first.{Guid.NewGuid():N}"[..15];
        var created = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/identity/v1/users",
            new { userName, displayName = userName, roles = new[] { "SalesManager" } });
        var page = await browser.NewPageAsync(suite.GatewayAddress, locale);
        await browser.SignInFirstTimeAsync(page, userName, created.GetProperty("oneTimePassword").GetString()!, ChosenPassword);

        await Expect(page.GetByTestId("nav-clients")).ToContainTextAsync(clients);
        await Expect(page.GetByTestId("welcome")).ToContainTextAsync(welcome);

        // Remembered: another page of the same browser opens in it too.
        var later = await page.Context.NewPageAsync();
        await later.GotoAsync("/clients");
        await Expect(later.GetByTestId("nav-clients")).ToContainTextAsync(clients);
    }

    [Fact]
    public async Task At_1366_by_768_every_kanban_column_can_be_scrolled_into_view_inside_the_board()
    {
        var page = await browser.NewPageAsync(suite.GatewayAddress, viewport: new ViewportSize { Width = 1366, Height = 768 });
        await page.GotoAsync("/deals");
        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(SuiteFixture.AdminNewPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await browser.InteractiveAsync(page);
        var board = page.GetByTestId("deal-board");
        await Expect(board).ToBeVisibleAsync();
        var columns = board.Locator("[data-testid^=stage-column-]");
        var count = await columns.CountAsync();
        Assert.True(count >= 6, $"the default pipeline has six stages, the board shows {count}");

        // The page itself never scrolls sideways: the board does, inside itself.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page is wider than the window: " + await browser.DescribeAsync(page));
        for (var i = 0; i < count; i++)
        {
            var column = columns.Nth(i);
            await column.ScrollIntoViewIfNeededAsync();
            var box = (await column.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 1366, $"column {i + 1} of {count} is at {box.X}..{box.X + box.Width} px");
            // Nothing covers or clips it: a click at its title lands on it.
            Assert.True(await column.EvaluateAsync<bool>(
                "c => { const t = c.querySelector('.crm-board-column-title').getBoundingClientRect(); const hit = document.elementFromPoint(t.left + t.width / 2, t.top + t.height / 2); return c.contains(hit); }"),
                $"column {i + 1} of {count} cannot be reached");
        }
    }
}
