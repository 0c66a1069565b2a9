namespace CrmSuite.Scheduling.Api.Overdue;

/// <summary>Scheduling:Overdue (see docs/scheduling-overdue.md).</summary>
public sealed class OverdueOptions
{
    public const string Section = "Scheduling:Overdue";

    /// <summary>Off only where a test drives the job itself.</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How many tasks one claim takes (one transaction).</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>Hours after its due time an overdue task is escalated to the heads of the assignee's teams; 0: never.</summary>
    public int EscalateAfterHours { get; set; }
    /// <summary>The company's zone: the digest's day and hour are local to it (no company-wide setting exists elsewhere).</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";
    /// <summary>The local hour (0..23) from which each head's daily digest is sent.</summary>
    public int DigestHour { get; set; } = 9;
    /// <summary>How many titles a digest names (the oldest overdue first).</summary>
    public int DigestTitles { get; set; } = 3;

    public bool IsValid() =>
        PollInterval > TimeSpan.Zero && BatchSize is > 0 and <= 10_000 && EscalateAfterHours is >= 0 and <= 24 * 365
        && DigestHour is >= 0 and <= 23 && DigestTitles is >= 0 and <= 20 && NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is not null;
}
