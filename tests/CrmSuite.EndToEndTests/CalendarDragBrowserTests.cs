using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Moving calendar entries by dragging them with the mouse in Chromium, as a person does. Radzen's
/// scheduler uses the browser's own drag and drop: the entry (.rz-event) is made draggable from
/// script after its first render and tells the server on dragstart which appointment is dragged;
/// each slot of the week view takes the drop (dragover is allowed, drop moves). So the test
/// presses the mouse on the entry's title (its top and bottom edges are resize grips), moves in
/// steps (the first small step starts the drag) and releases over the target slot.
/// </summary>
public sealed class CalendarDragBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    /// <summary>A day column of the week view (0 is Sunday: the weeks start on Sunday in English).</summary>
    private static ILocator Day(IPage page, int day) => page.Locator("[data-testid=calendar] .rz-view-content .rz-slots").Nth(day);

    /// <summary>A half-hour slot of a day column (the view starts at 08:00: slot 4 is 10:00).</summary>
    private static ILocator Slot(IPage page, int day, int slot) => Day(page, day).Locator(".rz-slot").Nth(slot);

    private static ILocator Entry(IPage page, string title) =>
        page.GetByTestId("calendar-item").Filter(new() { Has = page.GetByTestId("calendar-item-title").GetByText(title, new() { Exact = true }) });

    private static ILocator Event(IPage page, string title) => page.Locator("[data-testid=calendar] .rz-event").Filter(new() { Has = Entry(page, title) });

    private static Task NextWeekAsync(IPage page) => BrowserFixture.CalendarNextAsync(page);

    /// <summary>
    /// Drags the entry onto the slot with real mouse events. The entry is made draggable by script
    /// after it is drawn, and the calendar redraws its entries once more after a save or a move: the
    /// drag starts only when the entry says it is draggable and the press lands on the title, away from the resize grips.
    /// </summary>
    private static async Task DragAsync(IPage page, string title, ILocator target)
    {
        var entry = Event(page, title);
        await Expect(entry).ToHaveAttributeAsync("draggable", "true");
        await target.ScrollIntoViewIfNeededAsync();
        var from = await entry.BoundingBoxAsync() ?? throw new InvalidOperationException("The entry is not shown.");
        var to = await target.BoundingBoxAsync() ?? throw new InvalidOperationException("The target slot is not shown.");
        // The middle of the entry: its top and bottom edges are the resize grips.
        var (x, y) = (from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 6, y + 6, new() { Steps = 3 });
        await page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height / 2, new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    private static string DayAfter(string date) =>
        DateTime.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The entry's top edge lies on the slot's top edge: the entry is drawn at that slot's time. The
    /// calendar redraws its entries once more after loading a week; an entry replaced while it is
    /// measured has no box, so it is measured again.
    /// </summary>
    private static async Task ExpectAtSlotAsync(IPage page, string title, ILocator slot)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Expect(Event(page, title)).ToBeVisibleAsync();
            var entry = await Event(page, title).BoundingBoxAsync();
            var at = await slot.BoundingBoxAsync();
            if (entry is not null && at is not null)
            {
                Assert.InRange(entry.Y, at.Y - 2, at.Y + 2);
                return;
            }
            Assert.True(attempt < 5, "The entry or the slot is not shown.");
        }
    }

    /// <summary>
    /// A dropdown's label stays clear of the option it shows. An option whose value is empty ("Mine",
    /// "Does not repeat") counts as no value for Radzen's form field, which then draws its label over that text.
    /// </summary>
    private static async Task ExpectLabelClearOfValueAsync(ILocator dropdown)
    {
        var overlap = await dropdown.EvaluateAsync<bool>("""
            e => {
                const label = e.closest('.rz-form-field').querySelector('.rz-form-field-label').getBoundingClientRect();
                const value = e.querySelector('.rz-dropdown-label').getBoundingClientRect();
                return label.bottom > value.top + 2 && label.top < value.bottom - 2;
            }
            """);
        Assert.False(overlap, "The dropdown's label is drawn over the option it shows.");
    }

    [Fact]
    public async Task Dragging_one_occurrence_of_a_weekly_meeting_moves_only_that_one_and_it_stays_moved_after_a_reload()
    {
        var title = $"Weekly sync {Guid.NewGuid().ToString("N")[..8]}";
        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/calendar");
        try
        {
            await browser.OpenAsync(page, "/calendar");
            await ExpectLabelClearOfValueAsync(page.GetByTestId("calendar-whose"));
            // Next week (always ahead of now), Wednesday at 10:00: a weekly meeting from the free slot.
            await NextWeekAsync(page);
            await Slot(page, 3, 4).ClickAsync();
            await BrowserFixture.DialogReadyAsync(page, "item-form");
            await ExpectLabelClearOfValueAsync(page.GetByTestId("item-repeat-input"));
            await page.GetByTestId("item-kind").GetByText("Meeting", new() { Exact = true }).ClickAsync();
            await BrowserFixture.FillFieldAsync(page, "item-title-input", title);
            await page.GetByTestId("item-repeat-input").ClickAsync();
            await page.Locator(".rz-dropdown-item:visible", new() { HasText = "Weekly" }).First.ClickAsync();
            await Expect(page.GetByTestId("item-repeat-input")).ToContainTextAsync("Weekly");
            await page.GetByTestId("save-item").ClickAsync();
            await Expect(page.GetByTestId("item-form")).ToHaveCountAsync(0);
            await Expect(Entry(page, title)).ToHaveCountAsync(1);
            var wednesday = (await Entry(page, title).GetAttributeAsync("data-date"))!;

            // Dragged onto Thursday 11:00; the series asks what the move applies to.
            for (var attempt = 1; ; attempt++)
            {
                // On a busy machine the calendar may redraw the entry just saved while the mouse
                // presses it; a drag from the replaced element reaches no slot, so it is dragged again.
                await DragAsync(page, title, Slot(page, 4, 6));
                try
                {
                    await Expect(page.GetByTestId("series-scope-dialog")).ToBeVisibleAsync(new() { Timeout = 10_000 });
                    break;
                }
                catch (PlaywrightException) when (attempt < 2)
                {
                }
            }
            await page.GetByTestId("series-scope-this").ClickAsync();
            await Expect(page.GetByTestId("series-scope-dialog")).ToHaveCountAsync(0);

            var thursday = DayAfter(wednesday);
            await Expect(Entry(page, title)).ToHaveAttributeAsync("data-date", thursday);
            await ExpectAtSlotAsync(page, title, Slot(page, 4, 6));
            await Expect(page.GetByTestId("calendar-error")).ToHaveCountAsync(0);
            // The week after: the series in place, Wednesday at 10:00.
            await NextWeekAsync(page);
            await Expect(Entry(page, title)).ToHaveAttributeAsync("data-date", DateTime.ParseExact(wednesday, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await ExpectAtSlotAsync(page, title, Slot(page, 3, 4));

            // After a reload the service's weeks are shown: the moved occurrence and the others as they were.
            await browser.OpenAsync(page, "/calendar");
            await NextWeekAsync(page);
            await Expect(Entry(page, title)).ToHaveAttributeAsync("data-date", thursday);
            await ExpectAtSlotAsync(page, title, Slot(page, 4, 6));
            await NextWeekAsync(page);
            await Expect(Entry(page, title)).ToHaveCountAsync(1);
            await ExpectAtSlotAsync(page, title, Slot(page, 3, 4));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
    [Fact]
    public async Task A_move_the_service_refuses_snaps_back_with_the_reason_in_sight()
    {
        // A meeting the administrator planned with a sales manager taking part: the participant sees
        // it and may drag it (they hold scheduling.write), but only its owner may move it.
        var userName = $"guest.{Guid.NewGuid().ToString("N")[..6]}";
        const string Chosen = "Guest-Chosen-2026";
        var (userId, oneTime) = await suite.CreateUserWithIdAsync(userName, "SalesManager");
        var title = $"Owner's meeting {Guid.NewGuid().ToString("N")[..8]}";
        // Next week's Tuesday (the calendar's weeks start on Sunday in English) at 10:00 in the browser's zone (UTC here).
        var today = DateTime.UtcNow.Date;
        var tuesday = today.AddDays(7 - (int)today.DayOfWeek + 2);
        await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/scheduling/v1/items", new
        {
            kind = "ITEM_KIND_MEETING", title, timeZone = "UTC", participantUserIds = new[] { userId },
            start = tuesday.AddHours(10).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            end = tuesday.AddHours(11).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        });

        await suite.Oidc.SignInAsync(userName, oneTime, Chosen, TestContext.Current.CancellationToken);

        var page = await browser.NewPageAsync(suite.GatewayAddress);
        try
        {
            await page.GotoAsync("/calendar");
            await page.GetByTestId("login-username").FillAsync(userName);
            await page.GetByTestId("login-password").FillAsync(Chosen);
            await page.GetByTestId("login-submit").ClickAsync();
            await browser.InteractiveAsync(page);
            await NextWeekAsync(page);
            await Expect(Entry(page, title)).ToHaveAttributeAsync("data-date", tuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

            // Onto Monday 12:00.
            await DragAsync(page, title, Slot(page, 1, 8));

            // The service refused: the calendar says which item and why, above the calendar in sight, and draws it where it was.
            await Expect(page.GetByTestId("calendar-refused-item")).ToContainTextAsync(title);
            await Expect(page.GetByTestId("calendar-error")).ToContainTextAsync("You are not allowed to do this");
            await Expect(page.GetByTestId("calendar-error")).ToBeInViewportAsync();
            await Expect(Entry(page, title)).ToHaveAttributeAsync("data-date", tuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await ExpectAtSlotAsync(page, title, Slot(page, 2, 4));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
