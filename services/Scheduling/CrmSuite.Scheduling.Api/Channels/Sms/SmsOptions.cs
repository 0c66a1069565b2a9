namespace CrmSuite.Scheduling.Api.Channels.Sms;

/// <summary>
/// Scheduling:Sms: an SMS provider's HTTP API described by configuration, so any provider that
/// takes a phone and a text over HTTP fits without code. Placeholders {phone} (E.164, with "+"),
/// {phone_digits} (without) and {text} are filled in, URL-encoded in <see cref="UrlTemplate"/> and
/// as given in <see cref="BodyTemplate"/> (JSON-escaped when <see cref="ContentType"/> is JSON).
/// Provider "log" (the default) only writes the message to the log.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Scheduling:Sms";

    /// <summary>"log" (default: nothing is sent, the text is logged) or "http".</summary>
    public string Provider { get; set; } = "log";
    /// <summary>e.g. https://sms.example.com/send?to={phone}&amp;msg={text}</summary>
    public string? UrlTemplate { get; set; }
    /// <summary>GET or POST.</summary>
    public string Method { get; set; } = "POST";
    /// <summary>POST only, e.g. {"to":"{phone}","text":"{text}"}; none: an empty body.</summary>
    public string? BodyTemplate { get; set; }
    public string ContentType { get; set; } = "application/json";
    /// <summary>HTTP basic sign-in; from configuration only.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Or an API key sent in this header (e.g. X-Api-Key).</summary>
    public string? ApiKeyHeader { get; set; }
    public string? ApiKey { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool UsesHttp => string.Equals(Provider, "http", StringComparison.OrdinalIgnoreCase);

    public bool IsValid() =>
        (string.Equals(Provider, "log", StringComparison.OrdinalIgnoreCase)
            || (UsesHttp && Uri.TryCreate(UrlTemplate?.Replace("{phone}", "1").Replace("{phone_digits}", "1").Replace("{text}", "x"), UriKind.Absolute, out _)))
        && Method.ToUpperInvariant() is "GET" or "POST"
        && Timeout > TimeSpan.Zero
        && string.IsNullOrEmpty(ApiKeyHeader) == string.IsNullOrEmpty(ApiKey);
}
