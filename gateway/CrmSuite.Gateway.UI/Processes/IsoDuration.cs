using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmSuite.Gateway.UI.Processes;

/// <summary>
/// A number and a unit as a person sets a due time or a wait ("3 days"), and the ISO 8601 duration
/// the engine reads ("P3D"). Anything else (say "P1DT2H" from another modeler) stays as written.
/// </summary>
public sealed partial record IsoDuration(int Amount, string Unit)
{
    public const string Minutes = "minutes";
    public const string Hours = "hours";
    public const string Days = "days";
    public const string Weeks = "weeks";
    public const string Months = "months";

    public string ToIso() => Unit switch
    {
        Minutes => $"PT{Amount}M",
        Hours => $"PT{Amount}H",
        Weeks => $"P{Amount}W",
        Months => $"P{Amount}M",
        _ => $"P{Amount}D",
    };

    /// <summary>The number and unit of a simple duration; null for an empty or a compound one.</summary>
    public static IsoDuration? Parse(string? iso)
    {
        var match = Simple().Match(iso ?? "");
        if (!match.Success)
        {
            return null;
        }
        var amount = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return (match.Groups["t"].Success, match.Groups["u"].Value) switch
        {
            (true, "M") => new IsoDuration(amount, Minutes),
            (true, "H") => new IsoDuration(amount, Hours),
            (false, "W") => new IsoDuration(amount, Weeks),
            (false, "M") => new IsoDuration(amount, Months),
            (false, "D") => new IsoDuration(amount, Days),
            _ => null,
        };
    }

    /// <summary>"R/2027-01-01T09:00:00+03:00/P1M": the start and the step of a repeating start timer.</summary>
    public static (DateTimeOffset Start, IsoDuration Every)? ParseCycle(string? cycle)
    {
        var parts = (cycle ?? "").Split('/');
        return parts.Length == 3 && parts[0] == "R"
            && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && Parse(parts[2]) is { } every
            ? (start, every)
            : null;
    }

    public static string Cycle(DateTimeOffset start, IsoDuration every) =>
        $"R/{start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}/{every.ToIso()}";

    [GeneratedRegex(@"^P(?<t>T)?(?<n>\d{1,6})(?<u>[MHDW])$")]
    private static partial Regex Simple();
}
