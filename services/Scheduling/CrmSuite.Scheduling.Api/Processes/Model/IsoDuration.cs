using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmSuite.Scheduling.Api.Processes.Model;

/// <summary>
/// An ISO 8601 duration as BPMN timers write it ("PT1H", "P3D", "P1Y2M3DT4H5M6S", "P2W"). Years,
/// months, weeks and days are calendar parts, added to the wall-clock date in a time zone (P1D is
/// "the same time tomorrow", 23 or 25 hours across a daylight-saving change; Jan 31 + P1M is the
/// last day of February); hours, minutes and seconds are elapsed time (PT24H is always 24 hours).
/// This is how the TC39 Temporal proposal and NodaTime's zoned arithmetic do it.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Weeks, int Days, int Hours, int Minutes, decimal Seconds)
{
    /// <summary>Longer timers are refused: a typo such as "P1000Y" is caught at save time, not in a thousand years.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(100 * 366);

    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"\"{text}\" is not an ISO 8601 duration such as PT1H or P3D.");

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
            return false;
        // "P" alone and "P1DT" have no part after the designator.
        if (!match.Groups.Cast<Group>().Skip(1).Any(g => g.Success) || match.Value.EndsWith('T'))
            return false;
        if (!TryInt(match.Groups["y"], out var years) || !TryInt(match.Groups["mo"], out var months) || !TryInt(match.Groups["w"], out var weeks)
            || !TryInt(match.Groups["d"], out var days) || !TryInt(match.Groups["h"], out var hours) || !TryInt(match.Groups["mi"], out var minutes))
            return false;
        var seconds = 0m;
        if (match.Groups["s"].Success && !decimal.TryParse(match.Groups["s"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds))
            return false;
        var candidate = new IsoDuration(years, months, weeks, days, hours, minutes, seconds);
        if (candidate.ApproximateDays > MaxLength.TotalDays)
            return false;
        duration = candidate;
        return true;
    }

    /// <summary>No part at all ("PT0S"): a timer that fires at once, never a cycle's period.</summary>
    public bool IsZero => Years == 0 && Months == 0 && Weeks == 0 && Days == 0 && Hours == 0 && Minutes == 0 && Seconds == 0;

    /// <summary>The elapsed length with average months and years, for estimates and limits only.</summary>
    public TimeSpan ApproximateLength => TimeSpan.FromDays(ApproximateDays);

    private double ApproximateDays =>
        Years * 365.2425 + Months * 30.436875 + Weeks * 7.0 + Days + Hours / 24.0 + Minutes / 1440.0 + (double)Seconds / 86400;

    private TimeSpan TimeParts => TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes) + TimeSpan.FromTicks((long)(Seconds * TimeSpan.TicksPerSecond));

    /// <summary>This duration <paramref name="times"/> times over (a cycle's n-th period counts from its start, so Jan 31 + 2 × P1M is Mar 31).</summary>
    public IsoDuration Times(int times) =>
        new(checked(Years * times), checked(Months * times), checked(Weeks * times), checked(Days * times), checked(Hours * times), checked(Minutes * times), Seconds * times);

    /// <summary>
    /// The instant this long after <paramref name="instant"/>: calendar parts on the wall-clock
    /// date in <paramref name="zone"/>, then time parts as elapsed time. A wall-clock time that a
    /// change to summer time skips moves forward by the gap; one that occurs twice takes the
    /// offset the start had when it is one of the two, else the earlier occurrence.
    /// </summary>
    public DateTimeOffset AddTo(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var result = instant;
        if (Years != 0 || Months != 0 || Weeks != 0 || Days != 0)
        {
            var local = TimeZoneInfo.ConvertTime(instant, zone);
            var date = local.DateTime.AddYears(Years).AddMonths(Months).AddDays(Weeks * 7 + Days);
            result = AtLocal(date, zone, local.Offset);
        }
        return result + TimeParts;
    }

    /// <summary>The instant of a wall-clock time in a zone (see <see cref="AddTo"/> for skipped and repeated times).</summary>
    public static DateTimeOffset AtLocal(DateTime local, TimeZoneInfo zone, TimeSpan? preferredOffset = null)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // In the gap: the offset before the change applied to the wall-clock time lands after the gap by its width.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local - before, TimeSpan.Zero).ToOffset(zone.GetUtcOffset(local.AddHours(3)));
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var offset = preferredOffset is { } preferred && offsets.Contains(preferred) ? preferred : offsets.Max();
            return new DateTimeOffset(local, offset);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>A zone with a fixed offset, for a date written with an offset and no zone name.</summary>
    public static TimeZoneInfo FixedZone(TimeSpan offset) =>
        offset == TimeSpan.Zero ? TimeZoneInfo.Utc : TimeZoneInfo.CreateCustomTimeZone($"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}", offset, null, null);

    public override string ToString()
    {
        var text = "P";
        if (Years != 0) text += $"{Years}Y";
        if (Months != 0) text += $"{Months}M";
        if (Weeks != 0) text += $"{Weeks}W";
        if (Days != 0) text += $"{Days}D";
        if (Hours != 0 || Minutes != 0 || Seconds != 0)
        {
            text += "T";
            if (Hours != 0) text += $"{Hours}H";
            if (Minutes != 0) text += $"{Minutes}M";
            if (Seconds != 0) text += string.Create(CultureInfo.InvariantCulture, $"{Seconds}S");
        }
        return text == "P" ? "PT0S" : text;
    }

    private static bool TryInt(Group group, out int value)
    {
        value = 0;
        return !group.Success || int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
