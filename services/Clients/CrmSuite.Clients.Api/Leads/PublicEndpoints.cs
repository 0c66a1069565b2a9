using System.Net;
using System.Threading.RateLimiting;
using CrmSuite.BuildingBlocks.Errors;
using Microsoft.Extensions.Options;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>Limits of the anonymous capture endpoints, under <c>Leads:</c> in configuration.</summary>
public sealed class LeadCaptureOptions
{
    public const string Section = "Leads";

    /// <summary>Submissions one address may make per minute (to all forms together).</summary>
    public int SubmissionsPerAddressPerMinute { get; set; } = 10;

    /// <summary>Submissions one form accepts per minute (from everybody together).</summary>
    public int SubmissionsPerFormPerMinute { get; set; } = 300;
}

/// <summary>Fixed one-minute windows per address and per form; a submission needs a permit from both.</summary>
public sealed class PublicCaptureLimits(IOptions<LeadCaptureOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => Window(options.Value.SubmissionsPerAddressPerMinute)));

    private readonly PartitionedRateLimiter<string> _perForm = PartitionedRateLimiter.Create<string, string>(form =>
        RateLimitPartition.GetFixedWindowLimiter(form, _ => Window(options.Value.SubmissionsPerFormPerMinute)));

    public bool TryAcquire(string address, string form)
    {
        using var byAddress = _perAddress.AttemptAcquire(address);
        if (!byAddress.IsAcquired)
        {
            return false;
        }
        using var byForm = _perForm.AttemptAcquire(form);
        return byForm.IsAcquired;
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perForm.Dispose();
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}

/// <summary>Answers of the anonymous endpoints, in the service's problem+json shape.</summary>
internal static class PublicAnswers
{
    public static IResult Problem(int status, string title, string? detail = null) =>
        Results.Problem(title: title, detail: detail, statusCode: status, type: $"https://httpstatuses.io/{status}");

    public static IResult Invalid(ValidationFailedException exception) =>
        Results.ValidationProblem(
            exception.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "One or more fields are invalid.",
            type: "https://httpstatuses.io/400");

    /// <summary>
    /// The caller's address. Behind the gateway the connection comes from the gateway, which sets
    /// X-Forwarded-For (YARP replaces what the client sent), so the last entry is the one the
    /// nearest proxy saw; the service is reachable only through the gateway (NetworkPolicy).
    /// </summary>
    public static string ClientAddress(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            if (last is not null && IPAddress.TryParse(last, out var ip))
            {
                return ip.ToString();
            }
        }
        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
