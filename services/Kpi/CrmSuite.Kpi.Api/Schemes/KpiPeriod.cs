using System.Globalization;
using CrmSuite.Kpi.Api.Measures;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>How long a scheme's period is.</summary>
public enum PeriodKind
{
    Month,
    Quarter,
}

/// <summary>
/// A month or a quarter of the calendar in the company's time zone: March 2026 is the days
/// 2026-03-01 … 2026-03-31 there, which in UTC starts the evening before in Moscow. Codes are
/// "2026-03" and "2026-Q1".
/// </summary>
public sealed record KpiPeriod
{
    private KpiPeriod(PeriodKind kind, int year, int number) => (Kind, Year, Number) = (kind, year, number);

    public PeriodKind Kind { get; }

    public int Year { get; }

    /// <summary>The month (1–12) or the quarter (1–4).</summary>
    public int Number { get; }

    public static KpiPeriod Month(int year, int month) =>
        month is >= 1 and <= 12 ? new(PeriodKind.Month, year, month) : throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1 to 12.");

    public static KpiPeriod Quarter(int year, int quarter) =>
        quarter is >= 1 and <= 4 ? new(PeriodKind.Quarter, year, quarter) : throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4.");

    /// <summary>The month or quarter a day (company time zone) falls in.</summary>
    public static KpiPeriod Containing(DateOnly day, PeriodKind kind) =>
        kind == PeriodKind.Month ? Month(day.Year, day.Month) : Quarter(day.Year, (day.Month + 2) / 3);

    /// <summary>The month or quarter an instant falls in, read on the company's clock.</summary>
    public static KpiPeriod Containing(DateTimeOffset instant, PeriodKind kind, TimeZoneInfo companyZone) =>
        Containing(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, companyZone).DateTime), kind);

    /// <summary>Reads "2026-03" or "2026-Q1".</summary>
    public static bool TryParse(string? code, out KpiPeriod? period)
    {
        period = null;
        if (code is not { Length: 7 } || code[4] != '-' || !int.TryParse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return false;
        if (code[5] is 'Q' or 'q' && code[6] is >= '1' and <= '4')
            period = Quarter(year, code[6] - '0');
        else if (int.TryParse(code.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            period = Month(year, month);
        return period is not null;
    }

    public string Code => Kind == PeriodKind.Month ? $"{Year:D4}-{Number:D2}" : $"{Year:D4}-Q{Number}";

    public DateOnly FirstDay => new(Year, Kind == PeriodKind.Month ? Number : (Number * 3) - 2, 1);

    public DateOnly LastDay => FirstDay.AddMonths(Kind == PeriodKind.Month ? 1 : 3).AddDays(-1);

    public KpiPeriod Next => Kind == PeriodKind.Month
        ? (Number == 12 ? Month(Year + 1, 1) : Month(Year, Number + 1))
        : (Number == 4 ? Quarter(Year + 1, 1) : Quarter(Year, Number + 1));

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    /// <summary>The period as instants: from the company's midnight starting its first day up to (not including) the midnight after its last.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) UtcBounds(TimeZoneInfo companyZone) =>
        (StartOfDay(FirstDay, companyZone), StartOfDay(LastDay.AddDays(1), companyZone));

    /// <summary>The daily projection's rows of this period, optionally narrowed.</summary>
    public FigureFilter Filter(string? userId = null, string? teamId = null, string? pipelineId = null) => new(FirstDay, LastDay, pipelineId, teamId, userId);

    public override string ToString() => Code;

    // Where a clock change skips midnight (some zones switch at 00:00), the offset before the change puts the
    // skipped midnight at the instant of the change, the first that exists that day; where midnight happens
    // twice, the day starts at the first of the two.
    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
