namespace CrmSuite.Scheduling.Api.Channels;

/// <summary>Scheduling:Channels: how external deliveries are claimed and retried.</summary>
public sealed class ChannelOptions
{
    public const string Section = "Scheduling:Channels";

    /// <summary>Off only where a test drives the dispatchers itself.</summary>
    public bool DispatcherEnabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Deliveries one claim leases.</summary>
    public int BatchSize { get; set; } = 100;
    /// <summary>Sends of one batch in flight at once (each on its own pooled SMTP connection or HTTP request).</summary>
    public int Parallelism { get; set; } = 8;
    /// <summary>
    /// Batches one replica works on at once: while one batch is claimed, loaded or recorded in the
    /// database, the others are sending, so the sends do not wait for the database between batches.
    /// Each claims its own rows (as another replica would); up to Workers × Parallelism sends in flight.
    /// </summary>
    public int Workers { get; set; } = 2;
    /// <summary>
    /// How long a claimed delivery is left to its replica: one that dies mid-batch leaves its
    /// deliveries to others after this. Longer than a send can take (SMTP/HTTP timeouts).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Attempts before a delivery is given up as failed (1: no retry).</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>The staff UI's public address (https://crm.example.com) the item links in messages start with; empty: relative links.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The wait before attempt <paramref name="attemptsMade"/> + 1.</summary>
    public TimeSpan RetryDelay(int attemptsMade)
    {
        var factor = Math.Pow(2, Math.Clamp(attemptsMade - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < FirstRetryDelay ? FirstRetryDelay : delay;
    }

    public bool IsValid() => PollInterval > TimeSpan.Zero && BatchSize is > 0 and <= 10_000 && Parallelism is > 0 and <= 256 && Workers is > 0 and <= 16
        && Lease > TimeSpan.Zero && MaxAttempts is > 0 and <= 100 && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay
        && (string.IsNullOrEmpty(PublicBaseUrl) || Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _));
}
