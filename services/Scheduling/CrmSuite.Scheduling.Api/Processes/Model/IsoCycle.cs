using System.Globalization;

namespace CrmSuite.Scheduling.Api.Processes.Model;

/// <summary>
/// A BPMN timer cycle in the ISO 8601 repeating-interval form "R[n]/start/period"
/// ("R/2027-01-01T09:00:00+03:00/P1M": every month from 1 January 2027 09:00, for ever;
/// "R12/…/P1W": twelve times). The first run is at the start; the n-th is the start plus n
/// periods counted on the calendar (so a cycle from Jan 31 runs on Feb 28, Mar 31, Apr 30).
/// The start must carry its offset; the other forms ("R/P1D" without a start, cron
/// expressions) are refused, because they leave open when the first run is.
/// </summary>
public sealed record IsoCycle(int? Repetitions, DateTimeOffset Start, IsoDuration Period)
{
    public static IsoCycle Parse(string text) =>
        TryParse(text, out var cycle) ? cycle : throw new FormatException($"\"{text}\" is not a cycle such as R/2027-01-01T09:00:00+03:00/P1M.");

    public static bool TryParse(string? text, out IsoCycle cycle)
    {
        cycle = null!;
        var parts = text?.Trim().Split('/');
        if (parts is not { Length: 3 } || !parts[0].StartsWith('R'))
            return false;
        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                return false;
            repetitions = n;
        }
        if (!TryParseInstant(parts[1], out var start) || !IsoDuration.TryParse(parts[2], out var period) || period.IsZero)
            return false;
        cycle = new IsoCycle(repetitions, start, period);
        return true;
    }

    /// <summary>An ISO 8601 date-time with an offset or Z ("2027-01-01T09:00:00+03:00"); a local time without one is refused.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 17 || text[10] is not ('T' or 't'))
            return false;
        var zoned = text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-' && text[^3] == ':';
        return zoned && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out instant);
    }

    /// <summary>The k-th run (0 is the start), on the calendar of <paramref name="zone"/>.</summary>
    public DateTimeOffset Occurrence(int k, TimeZoneInfo zone) => k == 0 ? Start : Period.Times(k).AddTo(Start, zone);

    /// <summary>The first run strictly after <paramref name="after"/>, or none when the cycle has ended; the calendar is the start's own offset.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => NextAfter(after, IsoDuration.FixedZone(Start.Offset));

    /// <summary>
    /// The first run strictly after <paramref name="after"/>, with months and days counted in
    /// <paramref name="zone"/> (a monthly 09:00 run in Europe/Berlin stays at 09:00 in summer).
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        if (after < Start)
            return Start;
        // Estimate the count from the average period, step back to a run not after `after`, then forward.
        var estimate = (long)((after - Start).Ticks / Math.Max(1, Period.ApproximateLength.Ticks));
        var k = (int)Math.Clamp(estimate - 1, 0, int.MaxValue - 2);
        while (k > 0 && Occurrence(k, zone) > after)
            k--;
        while (Occurrence(k, zone) <= after)
            k++;
        if (Repetitions is { } n && k >= n)
            return null;
        return Occurrence(k, zone);
    }

    public override string ToString() =>
        $"R{Repetitions}/{Start.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}/{Period}";
}
