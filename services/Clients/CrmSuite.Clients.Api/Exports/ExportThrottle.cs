using System.Collections.Concurrent;

namespace CrmSuite.Clients.Api.Exports;

public sealed class ExportOptions
{
    public const string Section = "Clients:Exports";

    /// <summary>Exports one person may make per <see cref="Window"/>; more are refused (429).</summary>
    public int PerUser { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows one export may hold; a larger list is refused, asking for a narrower filter.</summary>
    public int MaxRows { get; set; } = 100_000;
}

/// <summary>
/// A sliding window of export times per user, in this process. Several replicas each keep their
/// own (a person could then export PerUser times per replica); the audit alert on bulk exports
/// still sees every one.
/// </summary>
public sealed class ExportThrottle(TimeProvider clock, Microsoft.Extensions.Options.IOptions<ExportOptions> options)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _exports = new();

    /// <summary>True (and the export counted) when the user may export now; otherwise when they may again.</summary>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        var window = options.Value.Window;
        var times = _exports.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= now - window)
            {
                times.Dequeue();
            }
            if (times.Count >= options.Value.PerUser)
            {
                retryAfter = times.Peek() + window - now;
                return false;
            }
            times.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
