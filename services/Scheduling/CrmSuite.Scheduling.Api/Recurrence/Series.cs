using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Scheduling.Api.Validation;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace CrmSuite.Scheduling.Api.Recurrence;

/// <summary>
/// One occurrence: local wall-clock times in the item's zone and their UTC instants; of a series
/// also its start by the rule (its key), and whether it was changed on its own, with its own title and place.
/// </summary>
public sealed record Occurrence(DateTime StartLocal, DateTime EndLocal, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTime? OriginalStartLocal = null, bool Changed = false, string? Title = null, string? Place = null);

/// <summary>
/// RFC 5545 recurrence by Ical.Net: the RRULE is evaluated on the local start in the item's IANA
/// zone, so every occurrence keeps the wall-clock time (09:00 stays 09:00 after a DST change) and
/// only its UTC instant moves. Series are only ever expanded within a bounded window, so a rule
/// without COUNT or UNTIL is fine.
/// </summary>
public static class Series
{
    public const string Field = "recurrence";
    /// <summary>At most this many occurrences of one item are listed per window, and a COUNT may not exceed it.</summary>
    public const int MaxOccurrences = 1000;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>
    /// How many steps of its frequency Ical.Net takes without finding an occurrence before it gives
    /// up. Without a limit a rule that never matches (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) steps day by
    /// day to year 9999 and then throws; the rarest real rule (29 February by a daily rule, 8 years
    /// across 2100) needs about 2,900.
    /// </summary>
    public const int MaxUnmatchedSteps = 10_000;
    private static readonly EvaluationOptions Limits = new() { MaxUnmatchedIncrementsLimit = MaxUnmatchedSteps };

    private static readonly FrequencyType[] Supported = [FrequencyType.Daily, FrequencyType.Weekly, FrequencyType.Monthly, FrequencyType.Yearly];

    /// <summary>
    /// The rule, or null (and an error on <see cref="Field"/>) when it is not one the calendar
    /// supports. Given the series' local start and zone (null while those are themselves invalid) it
    /// also refuses a rule that never yields a further occurrence or runs past <see cref="InputRules.LastYear"/>.
    /// </summary>
    public static RecurrencePattern? Parse(FieldErrors errors, string text, DateTime? startLocal, string? zone)
    {
        var rule = text.Trim();
        if (!rule.Contains("FREQ=", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Field, "Must be an RFC 5545 RRULE value with FREQ, e.g. FREQ=WEEKLY;BYDAY=MO.");
            return null;
        }
        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(rule);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            errors.Add(Field, $"Not a valid RRULE: {e.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }
        if (!Supported.Contains(pattern.Frequency))
        {
            errors.Add(Field, "Repeat daily, weekly, monthly or yearly (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY).");
            return null;
        }
        if (pattern.Count is < 1 or > MaxOccurrences)
        {
            errors.Add(Field, $"COUNT must be between 1 and {MaxOccurrences}.");
            return null;
        }
        if (pattern.Until is { } until && until.Year is < InputRules.FirstYear or > InputRules.LastYear)
        {
            errors.Add(Field, $"UNTIL must be between {InputRules.FirstYear} and {InputRules.LastYear}.");
            return null;
        }
        if (pattern.Interval is < 1 or > 1000)
        {
            errors.Add(Field, "INTERVAL must be between 1 and 1000.");
            return null;
        }
        return startLocal is null || zone is null || Occurs(errors, pattern, startLocal.Value, zone) ? pattern : null;
    }

    /// <summary>Whether the series has occurrences within the calendar's years: a first one, a next one (or its COUNT's end), none after the last year.</summary>
    private static bool Occurs(FieldErrors errors, RecurrencePattern pattern, DateTime startLocal, string zone)
    {
        var series = new CalendarEvent { DtStart = new CalDateTime(startLocal, zone), RecurrenceRule = pattern };
        List<DateTime> starts;
        try
        {
            // A series without end is checked up to its second occurrence: that one exists or the rule never matches.
            starts = [.. series.GetOccurrences(null, Limits).Take(pattern.Count is null && pattern.Until is null ? 2 : MaxOccurrences)
                .Select(o => o.Period.StartTime.Value)];
        }
        catch (EvaluationLimitExceededException)
        {
            errors.Add(Field, "The rule finds no next occurrence (a date that does not exist, such as 30 February?).");
            return false;
        }
        catch (Exception e) when (e is EvaluationOutOfRangeException or ArgumentOutOfRangeException)
        {
            errors.Add(Field, $"The series would run past {InputRules.LastYear}: lower COUNT or INTERVAL, or set UNTIL.");
            return false;
        }
        if (starts.Count == 0)
        {
            errors.Add(Field, "The rule yields no occurrence from the start on (is UNTIL before the start?).");
            return false;
        }
        if (starts[0].Year > InputRules.LastYear || starts[^1].Year > InputRules.LastYear)
        {
            errors.Add(Field, $"The series would run past {InputRules.LastYear}: lower COUNT or INTERVAL, or set UNTIL.");
            return false;
        }
        return true;
    }

    /// <summary>The UTC instant of a local wall-clock time in a zone (a time skipped by DST moves forward, as RFC 5545 says).</summary>
    public static DateTimeOffset ToUtc(DateTime local, string zone) =>
        new(DateTime.SpecifyKind(new CalDateTime(local, zone).AsUtc, DateTimeKind.Utc));

    /// <summary>
    /// Occurrences overlapping [from, to): the single item itself, or the series' occurrences, at
    /// most <see cref="MaxOccurrences"/>.
    /// </summary>
    public static IReadOnlyList<Occurrence> Expand(DateTime startLocal, DateTime? endLocal, string zone, string? rule, IEnumerable<DateTime> exceptions, DateTimeOffset from, DateTimeOffset to)
    {
        var length = (endLocal ?? startLocal) - startLocal;
        if (string.IsNullOrEmpty(rule))
        {
            var single = Make(startLocal, length, zone);
            return single.EndsAt >= from && single.StartsAt < to ? [single] : [];
        }
        var series = new CalendarEvent
        {
            DtStart = new CalDateTime(startLocal, zone),
            RecurrenceRule = new RecurrencePattern(rule),
        };
        series.ExceptionDates.AddRange(exceptions.Select(e => new CalDateTime(e, zone)));
        // Start the evaluation one occurrence-length early so an occurrence already under way at `from` is included.
        var evaluateFrom = new CalDateTime(DateTime.SpecifyKind((from - length - TimeSpan.FromDays(1)).UtcDateTime, DateTimeKind.Utc), CalDateTime.UtcTzId);
        var until = new CalDateTime(DateTime.SpecifyKind(to.UtcDateTime, DateTimeKind.Utc), CalDateTime.UtcTzId);
        var found = new List<Occurrence>();
        try
        {
            foreach (var occurrence in series.GetOccurrences(evaluateFrom, Limits).TakeWhileBefore(until))
            {
                var made = Make(occurrence.Period.StartTime.Value, length, zone);
                if (made.EndsAt < from || made.StartsAt >= to)
                {
                    continue;
                }
                found.Add(made);
                if (found.Count == MaxOccurrences)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is EvaluationLimitExceededException or EvaluationOutOfRangeException or ArgumentOutOfRangeException)
        {
            // A rule stored before Parse refused such rules: no further occurrences, rather than a failed list.
        }
        return found;
    }

    /// <summary>
    /// The series' first start after <paramref name="after"/> (local), or null when the rule (its
    /// COUNT, UNTIL or exceptions) has none: a recurring task's next instance.
    /// </summary>
    public static DateTime? Next(DateTime startLocal, string zone, string rule, IEnumerable<DateTime> exceptions, DateTime after)
    {
        var series = new CalendarEvent { DtStart = new CalDateTime(startLocal, zone), RecurrenceRule = new RecurrencePattern(rule) };
        series.ExceptionDates.AddRange(exceptions.Select(e => new CalDateTime(e, zone)));
        try
        {
            foreach (var occurrence in series.GetOccurrences(null, Limits).Take(MaxOccurrences))
            {
                if (occurrence.Period.StartTime.Value > after)
                {
                    return DateTime.SpecifyKind(occurrence.Period.StartTime.Value, DateTimeKind.Unspecified);
                }
            }
        }
        catch (Exception e) when (e is EvaluationLimitExceededException or EvaluationOutOfRangeException or ArgumentOutOfRangeException)
        {
            // No further occurrence within the calendar's years.
        }
        return null;
    }

    /// <summary>
    /// When the series is over (the end of its last occurrence), for range queries: null when it
    /// never ends. UNTIL gives a bound without expanding; COUNT is expanded (at most <see cref="MaxOccurrences"/>).
    /// </summary>
    public static DateTimeOffset? SeriesEnd(DateTime startLocal, DateTime? endLocal, string zone, RecurrencePattern? pattern, IEnumerable<DateTime> exceptions)
    {
        var length = (endLocal ?? startLocal) - startLocal;
        if (pattern is null)
        {
            return Make(startLocal, length, zone).EndsAt;
        }
        if (pattern.Until is { } until)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(until.AsUtc, DateTimeKind.Utc)) + length + TimeSpan.FromDays(1);
        }
        if (pattern.Count is null)
        {
            return null;
        }
        var series = new CalendarEvent { DtStart = new CalDateTime(startLocal, zone), RecurrenceRule = pattern };
        series.ExceptionDates.AddRange(exceptions.Select(e => new CalDateTime(e, zone)));
        var last = series.GetOccurrences(null, Limits).Take(MaxOccurrences).LastOrDefault();
        return last is null ? Make(startLocal, length, zone).EndsAt : Make(last.Period.StartTime.Value, length, zone).EndsAt;
    }

    private static Occurrence Make(DateTime startLocal, TimeSpan length, string zone)
    {
        var start = DateTime.SpecifyKind(startLocal, DateTimeKind.Unspecified);
        var end = start + length;
        return new Occurrence(start, end, ToUtc(start, zone), ToUtc(end, zone));
    }
}
