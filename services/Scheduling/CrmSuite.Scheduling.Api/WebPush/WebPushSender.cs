using System.Net;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Scheduling.Api.Infrastructure;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.WebPush;

public enum PushOutcome
{
    /// <summary>The push service accepted the message (201): it delivers it when the device is online, within the TTL.</summary>
    Sent = 1,
    /// <summary>The push service no longer knows the subscription (404/410): the device was removed; do not retry.</summary>
    SubscriptionGone = 2,
    /// <summary>Try again later: too many requests (429, honour <see cref="PushResult.RetryAfter"/>), a 5xx, a timeout or no connection.</summary>
    TransientFailure = 3,
    /// <summary>Retrying the same message will not help (400, 401, 403, 413, push off): show it to the person and an administrator.</summary>
    PermanentFailure = 4,
}

/// <summary>The outcome of one send, with the push service's status (null when none answered) and the reason in words.</summary>
public sealed record PushResult(PushOutcome Outcome, int? StatusCode, string Detail, TimeSpan? RetryAfter = null);

/// <summary>
/// Sends one notification to one device through its browser's push service: payload encrypted for
/// the device (RFC 8291, aes128gcm), the request signed with the server's VAPID key (RFC 8292,
/// <c>Authorization: vapid t=…, k=…</c>), by Lib.Net.Http.WebPush. It never retries by itself: the
/// caller (the durable delivery) decides from <see cref="PushResult"/>. A subscription the push
/// service says is gone is deleted here, with its audit event.
/// </summary>
public sealed class WebPushSender : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebPushSender> _logger;
    private readonly WebPushOptions _options;
    private readonly HttpClient _http;
    private readonly PushServiceClient? _client;
    private readonly VapidAuthentication? _vapid;

    public WebPushSender(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WebPushOptions> options, ILogger<WebPushSender> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        _options = options.Value;
        // Its own client, not the factory's: the suite's default resilience handler would retry a
        // push behind the delivery's back, and a push service never redirects (nor may an endpoint lead elsewhere).
        var network = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (_options.Enabled)
        {
            _vapid = new VapidAuthentication(_options.PublicKey!.Trim(), _options.PrivateKey!.Trim()) { Subject = _options.Subject };
            _http = new HttpClient(new VapidAudience(_vapid) { InnerHandler = network }) { Timeout = _options.SendTimeout };
            _client = new PushServiceClient(_http)
            {
                DefaultAuthentication = _vapid,
                DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
                AutoRetryAfter = false,
            };
        }
        else
        {
            _http = new HttpClient(network);
        }
    }

    /// <summary>
    /// Signs the VAPID token for the endpoint's origin with its port, as RFC 8292 section 2 says
    /// ("aud": the origin of the push resource). Lib.Net.Http.WebPush 3.3.1 signs scheme://host only,
    /// which push services on port 443 accept but any on another port refuses.
    /// </summary>
    private sealed class VapidAudience(VapidAuthentication vapid) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } endpoint && request.Headers.Authorization?.Scheme == "vapid")
            {
                request.Headers.Authorization = new("vapid", vapid.GetVapidSchemeAuthenticationHeaderValueParameter(endpoint.GetLeftPart(UriPartial.Authority)));
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    public bool Enabled => _client is not null;

    /// <summary>Sends <paramref name="notification"/> to <paramref name="device"/> (a row from <see cref="PushTargets"/>).</summary>
    public async Task<PushResult> SendAsync(DeviceSubscription device, PushNotification notification, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            return new PushResult(PushOutcome.PermanentFailure, null, "Browser notifications are not configured on this server (Scheduling:WebPush).");
        }
        var subscription = new PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        var message = new PushMessage(JsonSerializer.Serialize(notification, Json))
        {
            TimeToLive = (int)_options.TimeToLive.TotalSeconds,
            Urgency = _options.Urgency switch
            {
                "very-low" => PushMessageUrgency.VeryLow,
                "low" => PushMessageUrgency.Low,
                "normal" => PushMessageUrgency.Normal,
                _ => PushMessageUrgency.High,
            },
            // A topic replaces a not yet delivered message with the same one at the push service (RFC 8030 5.4):
            // a reminder sent again while the phone is offline arrives once.
            Topic = Topic(notification.Tag),
        };
        try
        {
            await _client.RequestPushMessageDeliveryAsync(subscription, message, cancellationToken);
            await MarkSentAsync(device.Id, cancellationToken);
            return new PushResult(PushOutcome.Sent, (int)HttpStatusCode.Created, "Accepted by the push service.");
        }
        catch (PushServiceClientException refused)
        {
            var status = (int)refused.StatusCode;
            if (refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                await RemoveGoneAsync(device, status, cancellationToken);
                return new PushResult(PushOutcome.SubscriptionGone, status, "The browser's subscription has ended; the device was removed.");
            }
            var detail = $"The push service answered {status}: {Shorten(refused.Body ?? refused.Message)}";
            _logger.LogWarning("Web Push to device {DeviceId} at {PushService} refused with {Status}", device.Id, Host(device), status);
            return refused.StatusCode is HttpStatusCode.TooManyRequests || status >= 500
                ? new PushResult(PushOutcome.TransientFailure, status, detail, RetryAfter(refused))
                : new PushResult(PushOutcome.PermanentFailure, status, detail);
        }
        catch (Exception failed) when (failed is HttpRequestException or IOException
            || (failed is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _logger.LogWarning("Web Push to device {DeviceId} at {PushService} failed: {Reason}", device.Id, Host(device), failed.Message);
            return new PushResult(PushOutcome.TransientFailure, null, failed is TaskCanceledException
                ? $"The push service did not answer within {_options.SendTimeout.TotalSeconds:0} s."
                : "The push service could not be reached: " + Shorten(failed.Message));
        }
        catch (Exception invalid) when (invalid is ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            // A key that passed the input rules but is not a point on the curve: this device can never be sent to.
            return new PushResult(PushOutcome.PermanentFailure, null, "The device's keys cannot be used: " + Shorten(invalid.Message));
        }
    }

    /// <summary>At most 32 characters of the URL-safe alphabet (RFC 8030 5.4): the reminder id without dashes.</summary>
    private static string Topic(string tag)
    {
        var topic = new string([.. tag.Where(char.IsAsciiLetterOrDigit)]);
        return topic.Length > 32 ? topic[..32] : topic;
    }

    private static TimeSpan? RetryAfter(PushServiceClientException refused) =>
        refused.Headers?.RetryAfter is { } retry
            ? retry.Delta ?? (retry.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;

    private static string Host(DeviceSubscription device) => Uri.TryCreate(device.Endpoint, UriKind.Absolute, out var uri) ? uri.Host : "?";

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300];

    private async Task MarkSentAsync(Guid deviceId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var now = _clock.GetUtcNow();
        await db.DeviceSubscriptions.Where(d => d.Id == deviceId).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSentAt, now), cancellationToken);
    }

    private async Task RemoveGoneAsync(DeviceSubscription device, int status, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        // Only the subscription that was sent to: a browser that subscribed again meanwhile keeps its new keys.
        var stored = await db.DeviceSubscriptions.FirstOrDefaultAsync(d => d.Id == device.Id && d.Endpoint == device.Endpoint && d.Auth == device.Auth, cancellationToken);
        if (stored is null)
        {
            return;
        }
        db.DeviceSubscriptions.Remove(stored);
        db.Audit(AuditEvent.BySystem("system:web-push", "Scheduling service", _clock.GetUtcNow(), "scheduling.push-device.expired",
            PushDevicesService.Entity, stored.Id.ToString(), before: new { stored.Label, stored.UserId }, details: new { PushServiceStatus = status }));
        await db.SaveChangesAsync(cancellationToken);
        _logger.LogInformation("Web Push device {DeviceId} of {UserId} removed: the push service answered {Status}", stored.Id, stored.UserId, status);
    }

    public void Dispose()
    {
        _vapid?.Dispose();
        _http.Dispose();
    }
}
