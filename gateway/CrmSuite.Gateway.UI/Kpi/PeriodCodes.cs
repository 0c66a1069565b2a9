using System.Globalization;
using CrmSuite.Gateway.UI.Localization;

namespace CrmSuite.Gateway.UI.Kpi;

/// <summary>
/// KPI periods as the service names them: a month "2026-03" or a quarter "2026-Q1" of the company's
/// calendar, and the days they hold (yyyy-MM-dd, both ends included).
/// </summary>
public static class PeriodCodes
{
    public const string MonthKind = "month";
    public const string QuarterKind = "quarter";

    public static string MonthOf(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year:D4}-{day.Month:D2}");

    public static string QuarterOf(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Year:D4}-Q{(day.Month - 1) / 3 + 1}");

    public static string Of(DateOnly day, string kind) => kind == QuarterKind ? QuarterOf(day) : MonthOf(day);

    public static bool IsQuarter(string code) => code.Contains("-Q", StringComparison.Ordinal);

    public static string KindOf(string code) => IsQuarter(code) ? QuarterKind : MonthKind;

    /// <summary>The first and last day of the period; null for a code that is neither a month nor a quarter.</summary>
    public static (DateOnly First, DateOnly Last)? Days(string code)
    {
        var parts = code.Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1 or > 9999)
        {
            return null;
        }
        if (parts[1].StartsWith('Q') && int.TryParse(parts[1][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var quarter) && quarter is >= 1 and <= 4)
        {
            var first = new DateOnly(year, quarter * 3 - 2, 1);
            return (first, first.AddMonths(3).AddDays(-1));
        }
        if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            var first = new DateOnly(year, month, 1);
            return (first, first.AddMonths(1).AddDays(-1));
        }
        return null;
    }

    /// <summary>Today on the person's clock (the browser's time zone), and that zone.</summary>
    public static async Task<(DateOnly Today, TimeZoneInfo Zone)> TodayAsync(Common.BrowserApi browser, TimeProvider clock)
    {
        var zone = await browser.GetTimeZoneAsync();
        return (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime), zone);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The period holding <paramref name="today"/> and the ones before it, newest first.</summary>
    public static IReadOnlyList<string> Recent(DateOnly today, string kind, int count)
    {
        var step = kind == QuarterKind ? 3 : 1;
        return [.. Enumerable.Range(0, count).Select(i => Of(today.AddMonths(-i * step), kind)).Distinct()];
    }

    /// <summary>"март 2026" / "March 2026"; "1 квартал 2026" / "Q1 2026".</summary>
    public static string Label(string code, UiText text)
    {
        if (Days(code) is not { } days)
        {
            return code;
        }
        if (IsQuarter(code))
        {
            return text.Format(Texts.Kpi.QuarterName, (days.First.Month + 2) / 3, days.First.Year);
        }
        var culture = CultureInfo.GetCultureInfo(text.IsRussian ? "ru-RU" : "en-GB");
        var name = culture.DateTimeFormat.MonthNames[days.First.Month - 1];
        return $"{name} {days.First.Year}";
    }
}
