using Bunit;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Notifications;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Scheduling.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// "Browser notifications on this device": what it offers follows what the server can send (a VAPID
/// key) and what the browser allows; turning on subscribes with the server's key and registers the
/// device, turning off forgets it on both sides; the person's devices are listed by name.
/// </summary>
public sealed class PushOptInTests : UiTest
{
    private const string Here = "https://fcm.googleapis.com/fcm/send/this-browser";
    private const string Phone = "https://updates.push.services.mozilla.com/wpush/v2/phone";
    private readonly FakePushDevicesClient push = new();
    private readonly BunitJSModuleInterop browser;

    public PushOptInTests()
    {
        Services.AddSingleton<PushDevices.PushDevicesClient>(push);
        SignInWith(Permissions.SchedulingRead);
        Interactive();
        browser = JSInterop.SetupModule(PushBrowser.ModulePath);
        push.Stored.Add(FakePushDevicesClient.Device("d-phone", "Firefox on Android", Phone));
    }

    private void BrowserSays(bool supported = true, string permission = "default", string? endpoint = null) =>
        browser.Setup<PushBrowserState>("state").SetResult(new PushBrowserState(supported, permission, endpoint));

    private static string StateOf(IRenderedComponent<PushOptIn> page) => page.Find("[data-testid=push-opt-in]").GetAttribute("data-state")!;

    [Fact]
    public void Without_a_VAPID_key_on_the_server_it_says_notifications_are_not_set_up_and_offers_nothing()
    {
        push.Settings = new PushSettings { Enabled = false };
        BrowserSays();

        var page = Render<PushOptIn>();

        page.WaitForAssertion(() => Assert.Equal("notconfigured", StateOf(page)));
        Assert.Contains(Texts.WebPush.NotConfigured.En, page.Find("[data-testid=push-not-configured]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=push-turn-on]"));
    }

    [Fact]
    public void A_browser_without_push_is_told_so()
    {
        BrowserSays(supported: false, permission: "unsupported");

        var page = Render<PushOptIn>();

        page.WaitForAssertion(() => Assert.Equal("unsupported", StateOf(page)));
        Assert.NotNull(page.Find("[data-testid=push-unsupported]"));
        Assert.Empty(page.FindAll("[data-testid=push-turn-on]"));
    }

    [Fact]
    public void Notifications_blocked_in_the_browser_are_explained_with_where_to_allow_them()
    {
        BrowserSays(permission: "denied");
        UseCulture("ru");

        var page = Render<PushOptIn>();

        page.WaitForAssertion(() => Assert.Equal("blocked", StateOf(page)));
        Assert.Contains(Texts.WebPush.Blocked.Ru, page.Find("[data-testid=push-blocked]").TextContent);
        Assert.Equal("Уведомления браузера на этом устройстве", page.Find("h2").TextContent);
    }

    [Fact]
    public void Turning_on_subscribes_with_the_servers_key_registers_this_device_and_shows_it_as_this_device()
    {
        BrowserSays();
        browser.Setup<BrowserSubscription>("subscribe", "BPublicKeyOfTheServer")
            .SetResult(new BrowserSubscription(Here, "p256dh-of-this-browser", "auth-of-this-browser", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131", null));
        var page = Render<PushOptIn>();
        page.WaitForAssertion(() => Assert.Equal("off", StateOf(page)));
        Assert.Equal(["Firefox on Android"], page.FindAll("[data-testid=push-device-label]").Select(l => l.TextContent));

        page.Find("[data-testid=push-turn-on]").Click();

        page.WaitForAssertion(() => Assert.Equal("on", StateOf(page)));
        var sent = Assert.Single(push.Subscribed);
        Assert.Equal((Here, "p256dh-of-this-browser", "auth-of-this-browser"), (sent.Endpoint, sent.P256Dh, sent.Auth));
        Assert.Contains("Chrome/131", sent.UserAgent);
        Assert.Equal(["Chrome on Linux", "Firefox on Android"], page.FindAll("[data-testid=push-device-label]").Select(l => l.TextContent));
        Assert.Single(page.FindAll("[data-testid=push-this-device]"));
        Assert.NotNull(page.Find("[data-testid=push-turn-off]"));
    }

    [Fact]
    public void A_permission_request_the_person_refuses_shows_blocked_and_registers_nothing()
    {
        BrowserSays();
        browser.Setup<BrowserSubscription>("subscribe", "BPublicKeyOfTheServer").SetResult(new BrowserSubscription(null, null, null, null, "denied"));
        var page = Render<PushOptIn>();
        page.WaitForAssertion(() => Assert.Equal("off", StateOf(page)));

        page.Find("[data-testid=push-turn-on]").Click();

        page.WaitForAssertion(() => Assert.Equal("blocked", StateOf(page)));
        Assert.Empty(push.Subscribed);
    }

    [Fact]
    public void On_where_the_service_knows_this_browser_and_turning_off_unsubscribes_and_forgets_it()
    {
        push.Stored.Insert(0, FakePushDevicesClient.Device("d-here", "Chrome on Linux", Here));
        BrowserSays(permission: "granted", endpoint: Here);
        browser.Setup<string>("unsubscribe").SetResult(Here);
        var page = Render<PushOptIn>();
        page.WaitForAssertion(() => Assert.Equal("on", StateOf(page)));

        page.Find("[data-testid=push-turn-off]").Click();

        page.WaitForAssertion(() => Assert.Equal("off", StateOf(page)));
        Assert.Equal(Here, Assert.Single(push.Removed).Endpoint);
        Assert.Equal(["Firefox on Android"], page.FindAll("[data-testid=push-device-label]").Select(l => l.TextContent));
    }

    [Fact]
    public void A_subscription_the_service_no_longer_knows_shows_off_so_the_person_can_turn_it_on_again()
    {
        // The push service said it was gone, or the person removed this browser from another device.
        BrowserSays(permission: "granted", endpoint: Here);

        var page = Render<PushOptIn>();

        page.WaitForAssertion(() => Assert.Equal("off", StateOf(page)));
        Assert.Empty(page.FindAll("[data-testid=push-this-device]"));
    }

    [Fact]
    public void Removing_another_device_stops_it_by_id_and_says_so_by_name()
    {
        BrowserSays();
        var page = Render<PushOptIn>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=push-device]")));

        page.Find("[data-testid=push-device-remove]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=push-no-devices]")));
        Assert.Equal("d-phone", Assert.Single(push.Removed).Id);
        Assert.Equal("“Firefox on Android” gets no more notifications.", page.Find("[data-testid=push-removed]").TextContent);
    }
}
