namespace CrmSuite.Scheduling.Api.Feeds;

/// <summary>
/// A person's calendar feed: one per person, found by the SHA-256 of its secret token (the token
/// itself is never stored). A revoked feed has no hash, so no token finds it.
/// </summary>
public sealed class CalendarFeed
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = string.Empty;
    /// <summary>The person's name when the address was made: the calendar's name and the audit's actor.</summary>
    public string UserName { get; set; } = string.Empty;
    public byte[]? TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastReadAt { get; set; }
    /// <summary>The read throttle's fixed window: when it started and how many reads it has seen.</summary>
    public DateTimeOffset WindowStartedAt { get; set; }
    public int ReadsInWindow { get; set; }
}

/// <summary>Scheduling:Feeds.</summary>
public sealed class FeedOptions
{
    public const string Section = "Scheduling:Feeds";

    /// <summary>The gateway's public address (https://crm.example.com) the feed address starts with; empty: the request's forwarded host.</summary>
    public string? PublicBaseUrl { get; set; }
    public int DaysBack { get; set; } = 30;
    public int DaysAhead { get; set; } = 365;
    /// <summary>At most this many items in one feed (the earliest first).</summary>
    public int MaxItems { get; set; } = 5000;
    /// <summary>Reads of one feed per <see cref="ThrottleWindow"/>; more are answered 429 (calendar programs poll every few minutes at most).</summary>
    public int ReadsPerWindow { get; set; } = 30;
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromMinutes(10);
}
