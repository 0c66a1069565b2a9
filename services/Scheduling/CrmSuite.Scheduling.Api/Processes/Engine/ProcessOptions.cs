namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>The process engine's settings (Scheduling:Processes).</summary>
public sealed class ProcessOptions
{
    public const string Section = "Scheduling:Processes";

    /// <summary>Off: this replica runs no steps (the tests drive the engine themselves).</summary>
    public bool EngineEnabled { get; set; } = true;
    /// <summary>How often an idle engine looks for due work (sooner when a timer is due sooner).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Claiming loops per replica.</summary>
    public int Workers { get; set; } = 2;
    /// <summary>
    /// Due rows a loop claims and runs in one transaction (each step behind its own savepoint). Larger
    /// batches mean fewer commits; a batch holds its rows until it commits, so keep it small enough
    /// that a timer in it is not held back long. PostgreSQL caches up to 64 subtransactions (the
    /// steps' savepoints) per transaction; more overflow the cache and slow every session, hence at most 60.
    /// </summary>
    public int BatchSize { get; set; } = 16;
    /// <summary>The company's zone: task due times and calendar parts of durations ("P1M") are counted in it.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";
    /// <summary>How long a webhook may take before the step fails.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A step whose run throws (not a failed action: a database hiccup) is tried again this often, then its instance fails.</summary>
    public int MaxAttempts { get; set; } = 5;

    public bool IsValid() => PollInterval > TimeSpan.Zero && Workers is > 0 and <= 32 && BatchSize is > 0 and <= 60 && WebhookTimeout > TimeSpan.Zero && MaxAttempts is > 0 and <= 100
        && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);
}
