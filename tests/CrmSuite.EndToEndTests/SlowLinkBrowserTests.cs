using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// A person typing on a slow link (or at a busy server): every answer of the server reaches the
/// browser a moment late. Blazor's answers to the first keystrokes then arrive while the person is
/// still typing; a search box must not write those older texts back over what has been typed since.
/// </summary>
public sealed class SlowLinkBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    /// <summary>How late each message of the server reaches the browser.</summary>
    private static readonly TimeSpan Lag = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Every_letter_typed_into_the_client_search_stays_when_the_server_answers_late()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"ООО «Медленная связь {suffix}»";
        await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/companies", new { name });

        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/");
        var link = await LaggedBlazorConnection.RouteAsync(page, Lag);
        try
        {
            await browser.OpenAsync(page, "/clients");

            // About a keystroke every 60 ms: a quick typist, slower than the server's late answers.
            var typed = $"медленная связь {suffix}";
            var box = page.GetByTestId("clients-search");
            await box.PressSequentiallyAsync(typed, new() { Delay = 60 });

            await Expect(box).ToHaveValueAsync(typed);
            await SearchAnsweredAsync(page, typed, name);
            // Nothing rewrote the box after the answers arrived.
            await Expect(box).ToHaveValueAsync(typed);
            // The page's circuit really went through the lagging route (not around it, e.g. by long polling).
            Assert.True(link.Forwarded > 0, "no message of the server went through the lagging route");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Letters_typed_into_the_client_search_right_after_opening_the_list_stay_there_and_so_does_the_focus()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"ООО «Сразу после перехода {suffix}»";
        await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/companies", new { name });

        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/");
        var link = await LaggedBlazorConnection.RouteAsync(page, Lag);
        try
        {
            await browser.OpenAsync(page, "/");

            // From the menu to the list, and into its search box as soon as it shows: the late
            // after-render of the navigation (which used to focus the heading) comes while typing.
            await page.GetByTestId("nav-clients").ClickAsync();
            var box = page.GetByTestId("clients-search");
            await box.ClickAsync();
            var typed = $"сразу после перехода {suffix}";
            await box.PressSequentiallyAsync(typed, new() { Delay = 60 });

            // Every answer has arrived (the last one searched the whole text), and still: every letter, and the focus, in the box.
            await SearchAnsweredAsync(page, typed, name);
            await Expect(box).ToHaveValueAsync(typed);
            await Expect(box).ToBeFocusedAsync();
            Assert.True(link.Forwarded > 0, "no message of the server went through the lagging route");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task A_page_opened_from_the_menu_focuses_its_heading_without_a_focus_ring()
    {
        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/");
        try
        {
            await page.GetByTestId("nav-clients").ClickAsync();
            var heading = page.Locator("h1");
            // Screen readers start at the new page's heading, as with Blazor's FocusOnNavigate...
            await Expect(heading).ToBeFocusedAsync();
            // ...but nothing flashes: a heading focused by the page is not a field to type in.
            Assert.Equal("none", await heading.EvaluateAsync<string>("h => getComputedStyle(h).outlineStyle"));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>The client list shows the answer to the whole text typed, and nothing is loading any more.</summary>
    private static async Task SearchAnsweredAsync(IPage page, string typed, string companyName)
    {
        await Expect(page.GetByTestId("clients-grid")).ToHaveAttributeAsync("data-query", typed);
        await Expect(page.Locator("[data-testid=clients-grid] .rz-datatable-loading")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("company-link").Filter(new() { HasText = companyName })).ToHaveCountAsync(1);
    }

    /// <summary>
    /// The page's Blazor connections, routed through the test: what the browser sends goes straight
    /// on, what the server sends is handed to the browser a fixed time later, in order.
    /// </summary>
    private sealed class LaggedBlazorConnection
    {
        private int forwarded;

        /// <summary>Messages of the server handed to the browser so far.</summary>
        public int Forwarded => Volatile.Read(ref forwarded);

        public static async Task<LaggedBlazorConnection> RouteAsync(IPage page, TimeSpan lag)
        {
            var connection = new LaggedBlazorConnection();
            await page.RouteWebSocketAsync(new Regex("/_blazor"), route => connection.Relay(page, route, lag));
            return connection;
        }

        private void Relay(IPage page, IWebSocketRoute route, TimeSpan lag)
        {
            var server = route.ConnectToServer();
            var pending = Channel.CreateUnbounded<(DateTimeOffset Due, byte[] Message)>();
            (int? Code, string? Reason) closed = default;
            // Blazor's hub speaks MessagePack, so every message of the server is a binary frame
            // (Playwright gives a frame's bytes in Binary; Text is the same bytes read as UTF-8).
            server.OnMessage(frame => pending.Writer.TryWrite((DateTimeOffset.UtcNow + lag, frame.Binary ?? System.Text.Encoding.UTF8.GetBytes(frame.Text ?? string.Empty))));
            // Set, this handler stops Playwright closing the page's side at once: it is closed after the last delayed message.
            server.OnClose((code, reason) =>
            {
                closed = (code, reason);
                pending.Writer.TryComplete();
            });
            page.Close += (_, _) => pending.Writer.TryComplete();
            _ = Task.Run(async () =>
            {
                await foreach (var (due, message) in pending.Reader.ReadAllAsync())
                {
                    var wait = due - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                    route.Send(message);
                    Interlocked.Increment(ref forwarded);
                }
                await route.CloseAsync(new() { Code = closed.Code, Reason = closed.Reason });
            });
        }
    }
}
