using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// A person's browsers that get reminders as notifications: what the staff UI's "Browser
/// notifications on this device" does over REST/gRPC. One device per browser endpoint, only the
/// person's own, bad subscriptions refused naming the field, every change audited.
/// </summary>
public sealed class PushDeviceTests(WebPushHost push) : IClassFixture<WebPushHost>
{
    private const string ChromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string FirefoxOnAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";

    /// <summary>What the staff UI sends from a browser's PushSubscription.toJSON() and navigator.userAgent.</summary>
    public sealed record BrowserSubscription(string Endpoint, string P256dh, string Auth, string? UserAgent = null);

    /// <summary>A new subscription at a push service, with fresh keys.</summary>
    private static BrowserSubscription Subscription(string? endpoint = null, string? userAgent = ChromeOnWindows) => new(
        endpoint ?? "https://fcm.googleapis.com/fcm/send/" + Guid.NewGuid().ToString("N"), BrowserKey(), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), userAgent);

    private static string BrowserKey()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
    }

    private async Task<JsonElement> SubscribeAsync(TestUser person, object subscription)
    {
        using var response = await push.Http(person).PostAsJsonAsync("/v1/push/devices", subscription, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await ReadJsonAsync(response);
    }

    private async Task<List<JsonElement>> DevicesAsync(TestUser person)
    {
        var list = await push.Http(person).GetFromJsonAsync<JsonElement>("/v1/push/devices", Json, Ct);
        return list.TryGetProperty("devices", out var devices) ? [.. devices.EnumerateArray()] : [];
    }

    [Fact]
    public async Task Settings_give_the_browser_the_VAPID_public_key_and_say_push_is_off_where_no_key_is_configured()
    {
        var on = await push.Http(People.Anna).GetFromJsonAsync<JsonElement>("/v1/push/settings", Json, Ct);
        Assert.True(on.GetProperty("enabled").GetBoolean());
        Assert.Equal(push.Vapid.PublicKey, on.GetProperty("publicKey").GetString());

        var off = await push.Api.As(People.Anna).Http.GetFromJsonAsync<JsonElement>("/v1/push/settings", Json, Ct);
        Assert.False(off.TryGetProperty("enabled", out var enabled) && enabled.GetBoolean());
        Assert.False(off.TryGetProperty("publicKey", out var key) && key.GetString() is { Length: > 0 });
        // Where push is off nothing can be subscribed: a clear refusal, and nothing stored.
        using var refused = await push.Api.As(People.Anna).Http.PostAsJsonAsync("/v1/push/devices", Subscription(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not configured", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await push.Api.ScalarAsync("SELECT count(*) FROM push_devices WHERE user_id = @p0", People.Anna.Id));
    }

    [Theory]
    [InlineData("not-a-key", "Scheduling:WebPush:PublicKey")]
    [InlineData("", "needs both PublicKey and PrivateKey")]
    public void A_misconfigured_VAPID_key_stops_the_service_at_start_naming_the_setting(string publicKey, string named)
    {
        var host = push.WithVapid(new VapidKeys(publicKey, push.Vapid.PrivateKey));
        var failure = Assert.ThrowsAny<Exception>(() => host.Services);
        Assert.Contains(named, failure.ToString());
    }

    [Fact]
    public async Task A_browser_subscribing_again_stays_one_device_with_its_new_keys_and_a_name_people_read()
    {
        var person = People.Boris;
        var first = Subscription();
        var device = await SubscribeAsync(person, first);
        Assert.Equal("Chrome on Windows", device.GetProperty("label").GetString());
        Assert.Equal("fcm.googleapis.com", device.GetProperty("pushService").GetString());
        var phone = await SubscribeAsync(person, Subscription(userAgent: FirefoxOnAndroid));
        Assert.Equal("Firefox on Android", phone.GetProperty("label").GetString());

        // The browser renews its subscription: same endpoint, new keys.
        var endpoint = first.Endpoint;
        var renewed = Subscription(endpoint);
        var again = await SubscribeAsync(person, renewed);
        Assert.Equal(device.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(2, (await DevicesAsync(person)).Count);
        var p256dh = renewed.P256dh;
        Assert.Equal(1, await push.Api.ScalarAsync("SELECT count(*) FROM push_devices WHERE endpoint = @p0 AND p256dh = @p1", endpoint, p256dh));

        // The channel's targets are the same two devices.
        await using var scope = push.Services.CreateAsyncScope();
        var targets = await scope.ServiceProvider.GetRequiredService<Api.WebPush.PushTargets>().ForPersonAsync(person.Id, Ct);
        Assert.Equal(["Chrome on Windows", "Firefox on Android"], targets.Select(t => t.Label).Order());

        var audited = (await push.Api.OutboxAsync("audit")).Where(e => e.GetProperty("actorId").GetString() == person.Id)
            .Select(e => e.GetProperty("action").GetString()).Order().ToList();
        Assert.Equal(["scheduling.push-device.renewed", "scheduling.push-device.subscribed", "scheduling.push-device.subscribed"], audited);
        // The keys and the endpoint (the capability to notify that browser) never reach the audit log.
        Assert.DoesNotContain((await push.Api.OutboxAsync("audit")), e => e.GetRawText().Contains(p256dh) || e.GetRawText().Contains(endpoint));
    }

    [Fact]
    public async Task A_person_sees_and_removes_only_their_own_devices_and_a_browser_that_changes_hands_notifies_its_new_person()
    {
        var annas = await SubscribeAsync(People.Anna, Subscription());
        var id = annas.GetProperty("id").GetString()!;
        Assert.DoesNotContain(await DevicesAsync(People.Oleg), d => d.GetProperty("id").GetString() == id);

        // Oleg cannot remove Anna's device: the same 404 as for none, and it stays.
        var stranger = await Assert.ThrowsAsync<RpcException>(() => push.Grpc(People.Oleg).RemovePushDeviceAsync(new RemovePushDeviceRequest { Id = id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, stranger.StatusCode);
        Assert.Contains(await DevicesAsync(People.Anna), d => d.GetProperty("id").GetString() == id);

        await push.Grpc(People.Anna).RemovePushDeviceAsync(new RemovePushDeviceRequest { Id = id }, cancellationToken: Ct);
        Assert.DoesNotContain(await DevicesAsync(People.Anna), d => d.GetProperty("id").GetString() == id);
        Assert.Single(await push.Api.AuditAsync("scheduling.push-device.removed", id));

        // Oleg signs in on the browser Anna used and turns notifications on: Anna's reminders no longer go there.
        var shared = "https://updates.push.services.mozilla.com/wpush/v2/" + Guid.NewGuid().ToString("N");
        var taken = await SubscribeAsync(People.Anna, Subscription(shared));
        await SubscribeAsync(People.Oleg, Subscription(shared));
        Assert.DoesNotContain(await DevicesAsync(People.Anna), d => d.GetProperty("endpoint").GetString() == shared);
        Assert.Contains(await DevicesAsync(People.Oleg), d => d.GetProperty("endpoint").GetString() == shared);
        Assert.Single(await push.Api.AuditAsync("scheduling.push-device.taken-over", taken.GetProperty("id").GetString()!));

        // The browser unsubscribing itself removes by endpoint.
        await push.Grpc(People.Oleg).RemovePushDeviceAsync(new RemovePushDeviceRequest { Endpoint = shared }, cancellationToken: Ct);
        Assert.Equal(0, await push.Api.ScalarAsync("SELECT count(*) FROM push_devices WHERE endpoint = @p0", shared));
    }

    public static TheoryData<string, string, BrowserSubscription> BadSubscriptions() => new()
    {
        { "no endpoint", "endpoint", new BrowserSubscription("", BrowserKey(), Base64Url.EncodeToString(new byte[16])) },
        { "plain http to a push service", "endpoint", new BrowserSubscription("http://fcm.googleapis.com/fcm/send/x", BrowserKey(), Base64Url.EncodeToString(new byte[16])) },
        { "an internal host", "endpoint", new BrowserSubscription("https://billing.intranet.local/hook", BrowserKey(), Base64Url.EncodeToString(new byte[16])) },
        { "an address", "endpoint", new BrowserSubscription("https://10.0.0.5/fcm/send/x", BrowserKey(), Base64Url.EncodeToString(new byte[16])) },
        { "a look-alike host", "endpoint", new BrowserSubscription("https://evil-fcm.googleapis.com.attacker.example/x", BrowserKey(), Base64Url.EncodeToString(new byte[16])) },
        { "not a URL", "endpoint", new BrowserSubscription("fcm.googleapis.com/fcm/send/x", BrowserKey(), Base64Url.EncodeToString(new byte[16])) },
        { "a short key", "p256dh", new BrowserSubscription("https://fcm.googleapis.com/fcm/send/x", Base64Url.EncodeToString(new byte[33]), Base64Url.EncodeToString(new byte[16])) },
        { "a compressed key", "p256dh", new BrowserSubscription("https://fcm.googleapis.com/fcm/send/x", Base64Url.EncodeToString([0x02, .. new byte[64]]), Base64Url.EncodeToString(new byte[16])) },
        { "standard base64", "p256dh", new BrowserSubscription("https://fcm.googleapis.com/fcm/send/x", Convert.ToBase64String([0x04, .. Enumerable.Repeat((byte)0xFB, 64)]), Base64Url.EncodeToString(new byte[16])) },
        { "no auth secret", "auth", new BrowserSubscription("https://fcm.googleapis.com/fcm/send/x", BrowserKey(), "") },
        { "a long auth secret", "auth", new BrowserSubscription("https://fcm.googleapis.com/fcm/send/x", BrowserKey(), Base64Url.EncodeToString(new byte[32])) },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task A_bad_subscription_is_a_400_naming_the_field_and_stores_nothing(string what, string field, object subscription)
    {
        var before = await push.Api.ScalarAsync("SELECT count(*) FROM push_devices");
        using var response = await push.Http(People.HeadOfNorth).PostAsJsonAsync("/v1/push/devices", subscription, Ct);
        var fields = await BadFieldsAsync(response);
        Assert.True(fields.SequenceEqual([field]), $"{what}: named {string.Join(", ", fields)}");
        Assert.Equal(before, await push.Api.ScalarAsync("SELECT count(*) FROM push_devices"));
    }

    [Fact]
    public async Task Removing_without_an_id_or_with_a_bad_one_is_a_400_naming_id()
    {
        using var none = await push.Http(People.Anna).PostAsJsonAsync("/v1/push/devices:remove", new { }, Ct);
        Assert.Equal(["id"], await BadFieldsAsync(none));
        using var bad = await push.Http(People.Anna).PostAsJsonAsync("/v1/push/devices:remove", new { id = "42" }, Ct);
        Assert.Equal(["id"], await BadFieldsAsync(bad));
    }
}
