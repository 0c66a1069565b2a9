namespace CrmSuite.Scheduling.Api.Reminders;

/// <summary>Scheduling:Reminders.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Scheduling:Reminders";

    /// <summary>Off only where a test drives the dispatchers itself.</summary>
    public bool DispatcherEnabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How many reminders one claim takes (one transaction).</summary>
    public int BatchSize { get; set; } = 500;
    /// <summary>A reminder delivered later than this after its due time is marked late.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(1);
}
