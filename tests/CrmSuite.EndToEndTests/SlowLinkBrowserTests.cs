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
        try
        {
            await DelayServerMessagesAsync(page);
            await browser.OpenAsync(page, "/clients");

            // About a keystroke every 60 ms: a quick typist, slower than the server's late answers.
            var typed = $"медленная связь {suffix}";
            var box = page.GetByTestId("clients-search");
            await box.PressSequentiallyAsync(typed, new() { Delay = 60 });

            await Expect(box).ToHaveValueAsync(typed);
            await Expect(page.GetByTestId("clients-grid")).ToHaveAttributeAsync("data-query", typed);
            await Expect(page.Locator("[data-testid=clients-grid] .rz-datatable-loading")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("company-link").Filter(new() { HasText = name })).ToHaveCountAsync(1);
            // Nothing rewrote the box after the answers arrived.
            await Expect(box).ToHaveValueAsync(typed);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    /// <summary>
    /// Routes the page's Blazor connections through the test: what the browser sends goes straight
    /// on, what the server sends is handed to the browser <see cref="Lag"/> later, in order.
    /// </summary>
    private static Task DelayServerMessagesAsync(IPage page) =>
        page.RouteWebSocketAsync(new Regex("/_blazor"), route =>
        {
            var server = route.ConnectToServer();
            var pending = Channel.CreateUnbounded<(DateTimeOffset Due, string? Text, byte[]? Binary)>();
            server.OnMessage(frame => pending.Writer.TryWrite((DateTimeOffset.UtcNow + Lag, frame.Text, frame.Binary)));
            (int? Code, string? Reason) closed = default;
            // Set, this handler stops Playwright closing the page's side at once: it is closed after the last delayed message.
            server.OnClose((code, reason) =>
            {
                closed = (code, reason);
                pending.Writer.TryComplete();
            });
            _ = Task.Run(async () =>
            {
                await foreach (var (due, text, binary) in pending.Reader.ReadAllAsync())
                {
                    var wait = due - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                    try
                    {
                        // Blazor's hub speaks MessagePack: binary frames stay binary.
                        if (binary is not null)
                        {
                            route.Send(binary);
                        }
                        else if (text is not null)
                        {
                            route.Send(text);
                        }
                    }
                    catch (PlaywrightException)
                    {
                        // The page was closed while a message was still on its way.
                        return;
                    }
                }
                try
                {
                    await route.CloseAsync(new() { Code = closed.Code, Reason = closed.Reason });
                }
                catch (PlaywrightException)
                {
                    // Already gone with its page.
                }
            });
        });
}
