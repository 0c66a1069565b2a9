using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmSuite.Scheduling.Api.WebPush;
using CrmSuite.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// The Web Push sender against a push service on loopback that verifies the VAPID signature and
/// decrypts the payload as a browser would: what reaches the person's screen, and what the
/// delivery is told when the push service says the subscription is gone, busy or refuses.
/// </summary>
public sealed class WebPushSenderTests(WebPushHost push) : IClassFixture<WebPushHost>, IAsyncLifetime
{
    private LoopbackPushService _service = null!;

    public async ValueTask InitializeAsync() => _service = await LoopbackPushService.StartAsync();

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    /// <summary>The person turns notifications on in a browser whose push service is the loopback one.</summary>
    private async Task<(DeviceSubscription Device, BrowserPushKeys Keys)> DeviceAsync(TestUser person, int? answer = null, string? retryAfter = null)
    {
        var (endpoint, keys) = _service.Subscribe(push.Vapid.PublicKey, answer, retryAfter);
        using var response = await push.Http(person).PostAsJsonAsync("/v1/push/devices",
            new { endpoint, p256dh = keys.P256dh, auth = keys.Auth, userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36" }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var device = Assert.Single(await TargetsAsync(person), d => d.Endpoint == endpoint);
        return (device, keys);
    }

    private async Task<List<DeviceSubscription>> TargetsAsync(TestUser person)
    {
        await using var scope = push.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PushTargets>().ForPersonAsync(person.Id, Ct);
    }

    private static PushNotification Reminder(Guid reminderId, Guid itemId) => PushNotification.ForReminder(reminderId, itemId, "Звонок клиенту ООО «Ромашка»",
        new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero), "Europe/Berlin", "Переговорная 2");

    [Fact]
    public async Task A_reminder_reaches_the_browser_signed_with_the_servers_VAPID_key_and_decrypts_to_its_title_time_place_and_link()
    {
        var (device, _) = await DeviceAsync(People.Anna);
        var reminderId = Guid.NewGuid();
        var itemId = Guid.NewGuid();

        var result = await push.Services.GetRequiredService<WebPushSender>().SendAsync(device, Reminder(reminderId, itemId), Ct);

        Assert.True(result.Outcome == PushOutcome.Sent, $"{result.Outcome} {result.StatusCode}: {result.Detail}");
        Assert.Empty(_service.Refusals);
        var received = Assert.Single(_service.Received);
        var shown = JsonDocument.Parse(received.Payload).RootElement;
        Assert.Equal("Звонок клиенту ООО «Ромашка»", shown.GetProperty("title").GetString());
        // 08:00 UTC is 09:00 in Berlin in March (winter time): the time the meeting was planned at.
        Assert.Equal("10.03.2026 09:00 · Переговорная 2", shown.GetProperty("body").GetString());
        Assert.Equal($"/calendar?date=2026-03-10&item={itemId}", shown.GetProperty("url").GetString());
        Assert.Equal(reminderId.ToString(), shown.GetProperty("tag").GetString());
        Assert.Equal((WebPushHost.Subject, "high", 4 * 3600, reminderId.ToString("N")), (received.Subject, received.Urgency, received.Ttl, received.Topic));
        Assert.NotNull(Assert.Single(await TargetsAsync(People.Anna), d => d.Id == device.Id).LastSentAt);
    }

    [Fact]
    public async Task A_subscription_the_push_service_says_is_gone_is_removed_from_the_persons_devices_and_audited()
    {
        var (device, _) = await DeviceAsync(People.Boris, answer: 410);

        var result = await push.Services.GetRequiredService<WebPushSender>().SendAsync(device, Reminder(Guid.NewGuid(), Guid.NewGuid()), Ct);

        Assert.Equal((PushOutcome.SubscriptionGone, 410), (result.Outcome, result.StatusCode));
        Assert.DoesNotContain(await TargetsAsync(People.Boris), d => d.Id == device.Id);
        var expired = Assert.Single(await push.Api.AuditAsync("scheduling.push-device.expired", device.Id.ToString()));
        Assert.Equal("system", expired.GetProperty("actorRole").GetString());
    }

    [Theory]
    [InlineData(429, "120", PushOutcome.TransientFailure)]
    [InlineData(503, null, PushOutcome.TransientFailure)]
    [InlineData(400, null, PushOutcome.PermanentFailure)]
    [InlineData(413, null, PushOutcome.PermanentFailure)]
    public async Task What_the_push_service_answers_tells_the_delivery_whether_to_retry_and_the_device_stays(int status, string? retryAfter, PushOutcome expected)
    {
        var (device, _) = await DeviceAsync(People.Oleg, status, retryAfter);

        var result = await push.Services.GetRequiredService<WebPushSender>().SendAsync(device, Reminder(Guid.NewGuid(), Guid.NewGuid()), Ct);

        Assert.Equal((expected, status), (result.Outcome, result.StatusCode));
        Assert.Equal(retryAfter is null ? null : TimeSpan.FromSeconds(int.Parse(retryAfter)), result.RetryAfter);
        Assert.Contains(await TargetsAsync(People.Oleg), d => d.Id == device.Id);
    }

    [Fact]
    public async Task A_push_service_that_cannot_be_reached_is_a_transient_failure()
    {
        var (device, _) = await DeviceAsync(People.HeadOfNorth);
        await _service.DisposeAsync();

        var result = await push.Services.GetRequiredService<WebPushSender>().SendAsync(device, Reminder(Guid.NewGuid(), Guid.NewGuid()), Ct);

        Assert.Equal((PushOutcome.TransientFailure, (int?)null), (result.Outcome, result.StatusCode));
        _service = await LoopbackPushService.StartAsync();
    }

    [Fact]
    public async Task A_server_signing_with_another_VAPID_key_is_refused_by_the_push_service_and_the_delivery_is_told_it_is_permanent()
    {
        var (device, _) = await DeviceAsync(People.Director);
        // The administrator replaced the key pair: browsers subscribed with the old public key.
        var other = push.WithVapid(VapidKeys.New());

        var result = await other.Services.GetRequiredService<WebPushSender>().SendAsync(device, Reminder(Guid.NewGuid(), Guid.NewGuid()), Ct);

        Assert.Equal((PushOutcome.PermanentFailure, 403), (result.Outcome, result.StatusCode));
        Assert.Equal("k is not the key the subscription was made with", Assert.Single(_service.Refusals));
        Assert.Empty(_service.Received);
    }

    [Fact]
    public async Task The_loopback_push_service_refuses_a_token_not_signed_by_the_key_it_names()
    {
        // Proves the endpoint's signature check can fail: a token that names the server's public key
        // but is signed with another key, sent as the sender would send it.
        var (endpoint, _) = _service.Subscribe(push.Vapid.PublicKey);
        var origin = new Uri(endpoint).GetLeftPart(UriPartial.Authority);
        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string Part(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
        var unsigned = Part(new { typ = "JWT", alg = "ES256" }) + "." + Part(new { aud = origin, exp = DateTimeOffset.UtcNow.AddHours(12).ToUnixTimeSeconds(), sub = WebPushHost.Subject });
        var token = unsigned + "." + Base64Url.EncodeToString(impostor.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(new byte[100]) };
        request.Headers.TryAddWithoutValidation("Authorization", $"vapid t={token}, k={push.Vapid.PublicKey}");
        request.Headers.Add("TTL", "60");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("JWT signature does not verify with k", Assert.Single(_service.Refusals));
        // The same token signed with the server's own private key passes the same checks: they refuse the signature, not everything.
        var q = Base64Url.DecodeFromChars(push.Vapid.PublicKey);
        using var server = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256, D = Base64Url.DecodeFromChars(push.Vapid.PrivateKey), Q = new ECPoint { X = q[1..33], Y = q[33..65] },
        });
        var genuine = unsigned + "." + Base64Url.EncodeToString(server.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256));
        Assert.Equal((WebPushHost.Subject, null, 201), LoopbackPushService.CheckVapid($"vapid t={genuine}, k={push.Vapid.PublicKey}", origin, push.Vapid.PublicKey));
    }

    /// <summary>Nobody else in these tests: only the two browsers below are this person's.</summary>
    private static readonly TestUser Reminded = new("push-reminded", "Ольга Напоминаемая", CrmSuite.BuildingBlocks.Security.ClientVisibility.Own,
        [CrmSuite.BuildingBlocks.Security.Permissions.SchedulingRead, CrmSuite.BuildingBlocks.Security.Permissions.SchedulingWrite], [], []);

    [Fact]
    public async Task A_reminder_coming_due_reaches_each_browser_the_person_turned_notifications_on_in_through_the_channel_dispatcher()
    {
        var (phone, _) = await DeviceAsync(Reminded);
        var (laptop, _) = await DeviceAsync(Reminded);
        var start = push.Api.Clock.GetUtcNow().AddMinutes(30);
        var local = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        using var created = await push.Http(Reminded).PostAsJsonAsync("/v1/items", new
        {
            kind = "ITEM_KIND_MEETING", title = "Планёрка с «Ромашкой»", timeZone = "Europe/Berlin", place = "Переговорная 2",
            start = local.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            end = local.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            reminderMinutesBefore = new[] { 60 },
        }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        var itemId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        // The reminder (60 minutes before a start 30 minutes away) is due now: in-app first, then one push per device.
        var reminded = await push.Services.GetRequiredService<CrmSuite.Scheduling.Api.Reminders.ReminderDispatcher>().DispatchBatchAsync(Ct);
        var sent = await push.Services.GetRequiredService<CrmSuite.Scheduling.Api.Channels.ChannelDispatcher>().DispatchBatchAsync(Ct);
        Assert.True((reminded, sent) == (1, 2), $"reminded {reminded}, sent {sent}");

        Assert.Empty(_service.Refusals);
        var shown = _service.Received.Select(r => JsonDocument.Parse(r.Payload).RootElement).ToList();
        Assert.Equal(2, shown.Count);
        Assert.All(shown, s => Assert.Equal(("Планёрка с «Ромашкой»", $"/calendar?date={local:yyyy-MM-dd}&item={itemId}"),
            (s.GetProperty("title").GetString(), s.GetProperty("url").GetString())));
        // Each browser once: the subscription ids the push service received are the two devices' endpoints.
        Assert.Equal(new[] { laptop.Endpoint, phone.Endpoint }.Select(e => e[(e.LastIndexOf('/') + 1)..]).Order(), _service.Received.Select(r => r.Subscription).Order());
    }
}
