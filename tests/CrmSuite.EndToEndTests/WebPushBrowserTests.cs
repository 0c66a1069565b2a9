using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Browser notifications in Chromium through the gateway and the scheduling service with the
/// VAPID key pair the AppHost supplies. Headless Chromium reaches no real push service, so
/// subscribing is not driven here (the loopback push service in the scheduling functional tests
/// covers the wire); what is: the page offers to turn notifications on, the service worker
/// registers, and a push delivered to it (by DevTools, as a push service would) is shown as a
/// notification with the reminder's title, time and place.
/// </summary>
public sealed class WebPushBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private const string Scope = "/_content/CrmSuite.Gateway.UI/";

    [Fact]
    public async Task The_notifications_page_offers_to_turn_them_on_and_its_service_worker_shows_a_pushed_reminder()
    {
        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/settings/notifications");
        try
        {
            await browser.OpenAsync(page, "/settings/notifications");
            // The AppHost gave the scheduling service a key pair: push is on for this server, off on this browser.
            await Expect(page.GetByTestId("push-opt-in")).ToHaveAttributeAsync("data-state", "off");
            await Expect(page.GetByTestId("push-turn-on")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("push-no-devices")).ToBeVisibleAsync();

            var script = await page.EvaluateAsync<string?>(
                "async scope => { const r = await navigator.serviceWorker.getRegistration(scope); return r && r.active ? r.active.scriptURL : null; }", Scope);
            Assert.Equal(new Uri(suite.GatewayAddress, Scope + "crm-push-sw.js").AbsoluteUri, script);

            // A push as the push service would deliver it, with the payload the scheduling service sends.
            await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = suite.GatewayAddress.GetLeftPart(UriPartial.Authority) });
            var cdp = await page.Context.NewCDPSessionAsync(page);
            var registered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, update) =>
            {
                foreach (var registration in update?.GetProperty("registrations").EnumerateArray() ?? default)
                {
                    if (registration.GetProperty("scopeURL").GetString()!.EndsWith(Scope, StringComparison.Ordinal))
                    {
                        registered.TrySetResult(registration.GetProperty("registrationId").GetString()!);
                    }
                }
            };
            await cdp.SendAsync("ServiceWorker.enable");
            var registrationId = await registered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            var payload = JsonSerializer.Serialize(new { title = "Звонок клиенту", body = "10.03.2026 09:00 · Переговорная 2", url = "/calendar?date=2026-03-10", tag = "reminder-1" });
            await cdp.SendAsync("ServiceWorker.deliverPushMessage", new()
            {
                ["origin"] = suite.GatewayAddress.GetLeftPart(UriPartial.Authority), ["registrationId"] = registrationId, ["data"] = payload,
            });

            const string Shown = "async scope => { const r = await navigator.serviceWorker.getRegistration(scope); "
                + "return (await r.getNotifications()).map(n => n.title + ' | ' + n.body + ' | ' + n.tag + ' | ' + n.data.url).join('\\n'); }";
            string shown = "";
            for (var attempt = 0; attempt < 50 && shown.Length == 0; attempt++)
            {
                shown = await page.EvaluateAsync<string>(Shown, Scope);
                if (shown.Length == 0)
                {
                    await page.WaitForTimeoutAsync(200);
                }
            }
            Assert.Equal("Звонок клиенту | 10.03.2026 09:00 · Переговорная 2 | reminder-1 | /calendar?date=2026-03-10", shown);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
