using System.Globalization;
using CrmSuite.Gateway.UI.Localization;

namespace CrmSuite.Gateway.UI.Kpi;

/// <summary>
/// The KPI service's decimal strings ("1234.50") as people read them: counts whole, money with two
/// decimals, percentages and days with their sign; a figure without a value ("") is a dash, never 0.
/// </summary>
public static class KpiFormat
{
    public static decimal? Parse(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>A measure's value in its unit (count, money, percent, days).</summary>
    public static string Value(string value, string unit, UiText text) => Parse(value) is not { } number
        ? text[Texts.Kpi.NoValue]
        : unit switch
        {
            "money" => Money(number),
            "percent" => Percent(number, text),
            "days" => text.Format(Texts.Kpi.Days, number.ToString("0.##", CultureInfo.CurrentCulture)),
            _ => number.ToString("#,0.##", CultureInfo.CurrentCulture),
        };

    public static string Money(string value, UiText text) => Parse(value) is { } number ? Money(number) : text[Texts.Kpi.NoValue];

    public static string Percent(string value, UiText text) => Parse(value) is { } number ? Percent(number, text) : text[Texts.Kpi.NoValue];

    /// <summary>For a chart: the number, 0 where there is none.</summary>
    public static double Number(string value) => (double)(Parse(value) ?? 0m);

    /// <summary>An instant the service gives (RFC 3339), for sorting; the earliest possible when it cannot be read.</summary>
    public static DateTimeOffset Instant(string rfc3339) =>
        DateTimeOffset.TryParse(rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;

    /// <summary>An instant on the person's clock, short date and time; as given when it cannot be read.</summary>
    public static string Moment(string rfc3339, TimeZoneInfo zone) => Instant(rfc3339) is var at && at != DateTimeOffset.MinValue
        ? TimeZoneInfo.ConvertTime(at, zone).ToString("g", CultureInfo.CurrentCulture)
        : rfc3339;

    private static string Money(decimal number) => number.ToString("#,0.00", CultureInfo.CurrentCulture);

    private static string Percent(decimal number, UiText text) =>
        text.Format(Texts.Kpi.PercentValue, number.ToString("0.##", CultureInfo.CurrentCulture));
}
