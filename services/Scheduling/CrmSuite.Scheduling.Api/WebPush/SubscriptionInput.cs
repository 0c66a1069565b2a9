using System.Net;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Scheduling.Api.WebPush;

/// <summary>A browser's push subscription as the request gives it, checked field by field (a bad one is a 400 naming it).</summary>
public sealed record SubscriptionInput(Uri Endpoint, string P256dh, string Auth, string Label)
{
    /// <summary>Long enough for every push service's endpoints (FCM's are about 200 characters).</summary>
    public const int MaxEndpointLength = 2000;

    public static SubscriptionInput Parse(SubscribePushDeviceRequest request, WebPushOptions options, bool development)
    {
        var errors = new FieldErrors();
        var endpoint = PushEndpoint(errors, "endpoint", request.Endpoint, options, development);
        var p256dh = Key(errors, "p256dh", request.P256Dh, 65, "the browser's P-256 public key");
        if (p256dh is not null && System.Buffers.Text.Base64Url.DecodeFromChars(p256dh)[0] != 0x04)
        {
            errors.Add("p256dh", "Must be an uncompressed P-256 public key (65 bytes starting 0x04) as base64url.");
        }
        var auth = Key(errors, "auth", request.Auth, 16, "the subscription's authentication secret");
        errors.ThrowIfAny();
        return new SubscriptionInput(endpoint!, p256dh!, auth!, DeviceLabel.From(request.UserAgent));
    }

    /// <summary>
    /// The endpoint the service will send to: https at a browser push service (configured list), or
    /// http/https on loopback only in Development, so nobody can point the service at an internal host.
    /// </summary>
    public static Uri? PushEndpoint(FieldErrors errors, string field, string value, WebPushOptions options, bool development)
    {
        var text = value.Trim();
        if (text.Length == 0)
        {
            errors.Add(field, "Required: the push subscription's endpoint.");
            return null;
        }
        if (text.Length > MaxEndpointLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add(field, $"Must be the push subscription's endpoint: an https URL of at most {MaxEndpointLength} characters.");
            return null;
        }
        if (development && uri.IsLoopback)
        {
            return uri;
        }
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(field, "Must be an https URL (http only to this machine in Development).");
            return null;
        }
        var host = uri.IdnHost.ToLowerInvariant();
        if (IPAddress.TryParse(host.Trim('[', ']'), out _) || !options.AllowedPushHosts.Any(allowed =>
                host == allowed.ToLowerInvariant() || host.EndsWith("." + allowed.ToLowerInvariant(), StringComparison.Ordinal)))
        {
            errors.Add(field, "Must be at a browser push service (Scheduling:WebPush:AllowedPushHosts).");
            return null;
        }
        return uri;
    }

    private static string? Key(FieldErrors errors, string field, string value, int bytes, string what)
    {
        // Some browsers' JSON pads base64url with '='; the stored form is unpadded.
        var text = value.Trim().TrimEnd('=');
        if (text.Length == 0)
        {
            errors.Add(field, $"Required: {what}.");
            return null;
        }
        if (!WebPushOptions.IsBase64Url(text, bytes))
        {
            errors.Add(field, $"Must be {what}: {bytes} bytes as base64url.");
            return null;
        }
        return text;
    }
}
