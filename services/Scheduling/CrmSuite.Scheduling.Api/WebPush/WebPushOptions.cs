using System.Buffers.Text;

namespace CrmSuite.Scheduling.Api.WebPush;

/// <summary>
/// Scheduling:WebPush. The VAPID key pair (RFC 8292) identifies this server to the browsers' push
/// services; without it browser notifications are off and the staff UI says so.
/// Generate a pair with <c>npx web-push generate-vapid-keys</c> or see docs/scheduling-webpush.md.
/// </summary>
public sealed class WebPushOptions
{
    public const string Section = "Scheduling:WebPush";

    /// <summary>The uncompressed P-256 public key (65 bytes) as base64url: what browsers subscribe with.</summary>
    public string? PublicKey { get; set; }
    /// <summary>The P-256 private scalar (32 bytes) as base64url. A secret: from the environment or a secret store, never a file in the repository.</summary>
    public string? PrivateKey { get; set; }
    /// <summary>Who push services contact about this server's traffic: <c>mailto:it@example.com</c> or an https URL.</summary>
    public string? Subject { get; set; }
    /// <summary>How long a push service keeps a notification for a device that is offline (a reminder later than this is of no use).</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(4);
    /// <summary>A reminder is time-critical: push services may deliver "high" at once even to a phone saving battery.</summary>
    public string Urgency { get; set; } = "high";
    /// <summary>How long one request to a push service may take before it counts as a transient failure.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// Hosts (or domain suffixes) a subscription's endpoint may point at: the browsers' push services.
    /// The service sends requests to the endpoint, so an arbitrary host would let anyone make it call
    /// into the internal network. Loopback is allowed besides only in Development (tests).
    /// </summary>
    public string[] AllowedPushHosts { get; set; } =
    [
        "fcm.googleapis.com", "android.googleapis.com",   // Chrome, Edge, Opera, Brave, Samsung Internet
        "push.services.mozilla.com",                      // Firefox
        "notify.windows.com",                             // Edge (legacy WNS)
        "push.apple.com",                                 // Safari
    ];

    public bool Enabled => !string.IsNullOrWhiteSpace(PublicKey) && !string.IsNullOrWhiteSpace(PrivateKey);

    /// <summary>Null when the options hold together; otherwise what is wrong (the service refuses to start).</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(PublicKey) != string.IsNullOrWhiteSpace(PrivateKey))
        {
            return "Scheduling:WebPush needs both PublicKey and PrivateKey, or neither (push off).";
        }
        if (!Enabled)
        {
            return null;
        }
        if (!IsBase64Url(PublicKey!, 65) || Base64Url.DecodeFromChars(PublicKey)[0] != 0x04)
        {
            return "Scheduling:WebPush:PublicKey must be an uncompressed P-256 public key (65 bytes) as base64url.";
        }
        if (!IsBase64Url(PrivateKey!, 32))
        {
            return "Scheduling:WebPush:PrivateKey must be a P-256 private key (32 bytes) as base64url.";
        }
        if (!(Subject ?? "").StartsWith("mailto:", StringComparison.Ordinal)
            && !(Uri.TryCreate(Subject, UriKind.Absolute, out var subject) && subject.Scheme == Uri.UriSchemeHttps))
        {
            return "Scheduling:WebPush:Subject must be a mailto: address or an https URL (push services contact it).";
        }
        if (TimeToLive < TimeSpan.Zero || TimeToLive > TimeSpan.FromDays(28) || SendTimeout <= TimeSpan.Zero)
        {
            return "Scheduling:WebPush: TimeToLive 0..28 days, SendTimeout positive.";
        }
        if (Urgency is not ("very-low" or "low" or "normal" or "high"))
        {
            return "Scheduling:WebPush:Urgency is one of very-low, low, normal, high.";
        }
        return null;
    }

    /// <summary>Whether <paramref name="text"/> is unpadded base64url of exactly <paramref name="bytes"/> bytes.</summary>
    public static bool IsBase64Url(string text, int bytes) =>
        text.Length == (bytes * 4 + 2) / 3
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
        && Base64Url.IsValid(text, out var length) && length == bytes;
}
