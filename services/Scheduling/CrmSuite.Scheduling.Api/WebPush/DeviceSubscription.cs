namespace CrmSuite.Scheduling.Api.WebPush;

/// <summary>
/// One browser a person turned notifications on in: the push subscription the browser made
/// (its endpoint at the push service and the keys to encrypt for it). An endpoint belongs to one
/// browser profile, so it is stored once: subscribing it again updates it, and when another
/// person signs in there and subscribes, the device becomes theirs.
/// </summary>
public sealed class DeviceSubscription
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = string.Empty;
    public string Endpoint { get; set; } = string.Empty;
    /// <summary>The browser's P-256 public key (65 bytes, base64url) the payload is encrypted to (RFC 8291).</summary>
    public string P256dh { get; set; } = string.Empty;
    /// <summary>The browser's 16-byte authentication secret (base64url).</summary>
    public string Auth { get; set; } = string.Empty;
    /// <summary>"Chrome on Windows": what the person sees in their list of devices.</summary>
    public string Label { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? LastSentAt { get; set; }
}
