using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using IcalCalendar = Ical.Net.Calendar;

namespace CrmSuite.EndToEndTests;

/// <summary>The calendar address a person makes on the Calendar page, fetched as Outlook, Google Calendar or Thunderbird would: valid ICS with the person's item.</summary>
public sealed class CalendarFeedBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    [Fact]
    public async Task The_address_made_on_the_calendar_page_returns_valid_ics_with_the_persons_meeting_and_stops_when_turned_off()
    {
        var ct = TestContext.Current.CancellationToken;
        var userName = $"subscriber.{Guid.NewGuid().ToString("N")[..6]}";
        const string Chosen = "Subscriber-Secret-2026";
        var oneTime = await suite.CreateUserAsync(userName, "SalesManager");
        var token = (await suite.Oidc.SignInAsync(userName, oneTime, Chosen, ct)).AccessToken;
        var title = $"Feed meeting {Guid.NewGuid().ToString("N")[..8]}";
        using (var http = suite.WithToken(token))
        {
            var start = DateTime.UtcNow.Date.AddDays(2).AddHours(9);
            using var created = await http.PostAsJsonAsync("/api/scheduling/v1/items", new
            {
                kind = "ITEM_KIND_MEETING", title, timeZone = "Europe/Berlin",
                start = start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), end = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            }, ct);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));
        }

        var page = await browser.NewPageAsync(suite.GatewayAddress);
        try
        {
            await page.GotoAsync("/calendar");
            await page.GetByTestId("login-username").FillAsync(userName);
            await page.GetByTestId("login-password").FillAsync(Chosen);
            await page.GetByTestId("login-submit").ClickAsync();
            await browser.InteractiveAsync(page);

            await page.GetByTestId("calendar-feed").ClickAsync();
            await page.GetByTestId("feed-create").ClickAsync();
            var address = page.GetByTestId("feed-url");
            await Expect(address).ToContainTextAsync(".ics");
            var url = (await address.InnerTextAsync()).Trim();

            // Fetched as a calendar program does: no sign-in, the address is the key.
            using var feed = await suite.Anonymous.GetAsync(new Uri(url), ct);
            Assert.True(feed.IsSuccessStatusCode, $"{url}: {(int)feed.StatusCode}");
            Assert.StartsWith("text/calendar", feed.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            var calendar = IcalCalendar.Load(await feed.Content.ReadAsStringAsync(ct))!;
            var meeting = Assert.Single(calendar.Events, e => e.Summary == title);
            Assert.Equal("Europe/Berlin", meeting.Start!.TzId);

            // Turned off on the same page: the address answers 404 from now on.
            await page.GetByTestId("feed-revoke").ClickAsync();
            await Expect(page.GetByTestId("feed-message")).ToContainTextAsync("turned off");
            using var gone = await suite.Anonymous.GetAsync(new Uri(url), ct);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
