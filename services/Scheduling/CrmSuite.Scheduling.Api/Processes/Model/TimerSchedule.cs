namespace CrmSuite.Scheduling.Api.Processes.Model;

/// <summary>When a compiled <see cref="TimerSpec"/> is due (the compiler has checked that its text parses).</summary>
public static class TimerSchedule
{
    /// <summary>
    /// An intermediate or boundary timer started at <paramref name="startedAt"/>: due its duration
    /// later, calendar parts counted in <paramref name="zone"/> (the company's zone).
    /// </summary>
    public static DateTimeOffset DueAfterStart(this TimerSpec timer, DateTimeOffset startedAt, TimeZoneInfo zone) =>
        timer.Duration is { } duration
            ? IsoDuration.Parse(duration).AddTo(startedAt, zone)
            : throw new InvalidOperationException("Only a duration timer is due relative to its start; dates and cycles are start timers.");

    /// <summary>
    /// A start timer's next run strictly after <paramref name="after"/> (the last run, or the
    /// moment of publishing): the date once, or the cycle's next run; none when nothing is left.
    /// A cycle counts months and days in <paramref name="zone"/> when given, else in its start's offset.
    /// </summary>
    public static DateTimeOffset? NextAfter(this TimerSpec timer, DateTimeOffset after, TimeZoneInfo? zone = null)
    {
        if (timer.Date is { } date)
            return date > after ? date : null;
        if (timer.Cycle is { } text)
        {
            var cycle = IsoCycle.Parse(text);
            return zone is null ? cycle.NextAfter(after) : cycle.NextAfter(after, zone);
        }
        throw new InvalidOperationException("A duration timer has no runs of its own; use DueAfterStart.");
    }

    /// <summary>The parsed duration of an intermediate or boundary timer.</summary>
    public static IsoDuration ParsedDuration(this TimerSpec timer) =>
        IsoDuration.Parse(timer.Duration ?? throw new InvalidOperationException("The timer has no duration."));

    /// <summary>The parsed cycle of a cycle start timer.</summary>
    public static IsoCycle ParsedCycle(this TimerSpec timer) =>
        IsoCycle.Parse(timer.Cycle ?? throw new InvalidOperationException("The timer has no cycle."));
}
