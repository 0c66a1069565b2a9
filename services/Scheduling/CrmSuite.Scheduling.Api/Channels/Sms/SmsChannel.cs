using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.Channels.Sms;

/// <summary>
/// Reminders by SMS to the mobile number the person gave in their settings, through the provider
/// <see cref="SmsOptions"/> describes. A 2xx answer is sent; 4xx (but 408 and 429) a refusal a retry
/// cannot fix; anything else is retried. Its own HttpClient, not the factory's: the suite's default
/// resilience handler would retry a POST by itself, and a retried SMS is a second SMS; retries are
/// the channel dispatcher's, with backoff and a record.
/// </summary>
public sealed class SmsChannel(IOptions<SmsOptions> options, ILogger<SmsChannel> logger) : IReminderChannel, IDisposable
{
    public const string ChannelName = "sms";
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    public string Name => ChannelName;

    /// <summary>The log-only provider is available too: people can try the channel before a provider is set up.</summary>
    public bool Available => true;

    public async Task<IReadOnlyList<ChannelTarget>> TargetsAsync(SchedulingDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        await db.ChannelSettings
            .Where(s => userIds.Contains(s.UserId) && s.SmsEnabled && s.MobileNumber != null
                && !db.People.Any(p => p.UserId == s.UserId && p.Disabled))
            .Select(s => new ChannelTarget(s.UserId, s.MobileNumber!))
            .ToListAsync(cancellationToken);

    public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var text = ReminderText.Sms(message);
        if (!settings.UsesHttp)
        {
            logger.LogInformation("SMS to {Phone} (log-only provider): {Text}", message.Target, text);
            return;
        }
        using var request = Request(settings, message.Target, text);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ChannelSendException($"the SMS provider could not be reached: {e.Message}", permanent: false, e);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            var code = (int)response.StatusCode;
            var permanent = code is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
            throw new ChannelSendException($"the SMS provider answered {code} {response.ReasonPhrase}", permanent);
        }
    }

    internal static HttpRequestMessage Request(SmsOptions settings, string phone, string text)
    {
        var digits = phone.TrimStart('+');
        var url = settings.UrlTemplate!
            .Replace("{phone}", Uri.EscapeDataString(phone), StringComparison.Ordinal)
            .Replace("{phone_digits}", Uri.EscapeDataString(digits), StringComparison.Ordinal)
            .Replace("{text}", Uri.EscapeDataString(text), StringComparison.Ordinal);
        var post = string.Equals(settings.Method, "POST", StringComparison.OrdinalIgnoreCase);
        var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, url);
        if (post)
        {
            var json = settings.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
            string Value(string v) => json ? JsonEncodedText.Encode(v, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() : v;
            var body = (settings.BodyTemplate ?? string.Empty)
                .Replace("{phone}", Value(phone), StringComparison.Ordinal)
                .Replace("{phone_digits}", Value(digits), StringComparison.Ordinal)
                .Replace("{text}", Value(text), StringComparison.Ordinal);
            request.Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(settings.ContentType));
        }
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}")));
        }
        if (!string.IsNullOrEmpty(settings.ApiKeyHeader))
        {
            request.Headers.TryAddWithoutValidation(settings.ApiKeyHeader, settings.ApiKey);
        }
        return request;
    }

    public void Dispose() => _http.Dispose();
}
