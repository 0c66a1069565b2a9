using System.Globalization;

namespace CrmSuite.BuildingBlocks.Russian;

/// <summary>
/// Which VAT a product or a document line carries. The percentage is not part of the kind: it
/// depends on the date (<see cref="VatRates.On"/>), so a product stays "standard" when the law
/// moves the standard rate (20 % until 2025, 22 % from 1 January 2026).
/// </summary>
public enum VatKind
{
    /// <summary>Основная ставка: 18 % (2004–2018), 20 % (2019–2025), 22 % (from 2026).</summary>
    Standard,
    /// <summary>Льготная ставка 10 % (food staples, children's goods, medicines, books).</summary>
    Reduced,
    /// <summary>0 % (export and the like).</summary>
    Zero,
    /// <summary>УСН above the revenue threshold, the 5 % rate (from 2025).</summary>
    Usn5,
    /// <summary>УСН above the revenue threshold, the 7 % rate (from 2025).</summary>
    Usn7,
    /// <summary>Без НДС: the seller does not charge VAT (УСН below the threshold, exempt operations).</summary>
    None,
}

/// <summary>One rate of one kind over a span of dates (both ends inclusive; an open end is null).</summary>
public sealed record VatRatePeriod(VatKind Kind, decimal? Percent, DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly date) => date >= From && (To is null || date <= To);
}

/// <summary>A kind resolved on a date: the percentage (null for "without VAT") and printable labels.</summary>
public sealed record VatRate(VatKind Kind, decimal? Percent)
{
    /// <summary>The kind's code on the wire and in the database: standard, reduced, zero, usn5, usn7, none.</summary>
    public string Code => VatRates.Code(Kind);

    /// <summary>The rate as a line prints it: «22 %» / «Без НДС» (ru), "22%" / "No VAT" (en).</summary>
    public string Label(string language) => Percent is { } p
        ? VatRates.FormatPercent(p, language)
        : IsEnglish(language) ? "No VAT" : "Без НДС";

    /// <summary>The rate with the tax's name: «НДС 22 %» / «Без НДС» (ru), "VAT 22%" / "No VAT" (en).</summary>
    public string LongLabel(string language) => Percent is { } p
        ? (IsEnglish(language) ? "VAT " : "НДС ") + VatRates.FormatPercent(p, language)
        : Label(language);

    internal static bool IsEnglish(string language) => language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The dated table of Russian VAT rates (НК РФ ст. 164; 22 % by Federal Law of 28.11.2025 No. 425-FZ;
/// 5 % and 7 % for УСН by Federal Law of 12.07.2024 No. 176-FZ). One table for every service that
/// prints or stores a rate (documents, warehouse): a rate is chosen by the document's date, never
/// kept as a bare number. A change in the law is one more row here.
/// </summary>
public static class VatRates
{
    public static readonly IReadOnlyList<VatRatePeriod> Periods =
    [
        new(VatKind.Standard, 18m, new DateOnly(2004, 1, 1), new DateOnly(2018, 12, 31)),
        new(VatKind.Standard, 20m, new DateOnly(2019, 1, 1), new DateOnly(2025, 12, 31)),
        new(VatKind.Standard, 22m, new DateOnly(2026, 1, 1), null),
        new(VatKind.Reduced, 10m, new DateOnly(2004, 1, 1), null),
        new(VatKind.Zero, 0m, new DateOnly(2004, 1, 1), null),
        new(VatKind.Usn5, 5m, new DateOnly(2025, 1, 1), null),
        new(VatKind.Usn7, 7m, new DateOnly(2025, 1, 1), null),
        new(VatKind.None, null, new DateOnly(2004, 1, 1), null),
    ];

    /// <summary>The kinds in the order a person picks from.</summary>
    public static readonly IReadOnlyList<VatKind> Kinds = Enum.GetValues<VatKind>();

    /// <summary>The rate of <paramref name="kind"/> valid on <paramref name="date"/>, or null when the table has none then.</summary>
    public static VatRate? Find(VatKind kind, DateOnly date) =>
        Periods.FirstOrDefault(p => p.Kind == kind && p.Covers(date)) is { } period ? new VatRate(kind, period.Percent) : null;

    /// <summary>The rate of <paramref name="kind"/> valid on <paramref name="date"/>; throws when the table has none (e.g. УСН 5 % in 2024).</summary>
    public static VatRate On(VatKind kind, DateOnly date) =>
        Find(kind, date) ?? throw new ArgumentOutOfRangeException(nameof(date), date,
            $"There is no VAT rate of kind '{Code(kind)}' on {date:dd.MM.yyyy}.");

    /// <summary>The kind's code: standard, reduced, zero, usn5, usn7, none.</summary>
    public static string Code(VatKind kind) => kind switch
    {
        VatKind.Standard => "standard",
        VatKind.Reduced => "reduced",
        VatKind.Zero => "zero",
        VatKind.Usn5 => "usn5",
        VatKind.Usn7 => "usn7",
        VatKind.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind of a stored code (see <see cref="Code"/>); throws on anything else.</summary>
    public static VatKind FromCode(string code)
    {
        foreach (var kind in Kinds)
        {
            if (Code(kind) == code)
            {
                return kind;
            }
        }
        throw new ArgumentException($"'{code}' is not a VAT kind.", nameof(code));
    }

    /// <summary>
    /// Today's date in Moscow (UTC+3 all year since 2014), the day a rate change takes effect:
    /// the 22 % rate applies from 00:00 on 1 January 2026 Moscow time.
    /// </summary>
    public static DateOnly TodayInMoscow(TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(3)).DateTime);

    /// <summary>
    /// Reads a kind from what a person or an older caller sends: a code ("standard", "usn5", "none"),
    /// «без НДС», or a percentage that was ever a rate of one kind ("18", "20", "22" → standard,
    /// "10" → reduced, "0" → zero, "5" → usn5, "7" → usn7; "20.00" and "20 %" too).
    /// False for anything else (e.g. "12" or "120").
    /// </summary>
    public static bool TryParse(string? text, out VatKind kind)
    {
        kind = VatKind.Standard;
        var value = (text ?? string.Empty).Trim().TrimEnd('%').Trim();
        foreach (var candidate in Kinds)
        {
            if (string.Equals(value, Code(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        if (value.Equals("без НДС", StringComparison.OrdinalIgnoreCase) || value.Equals("without VAT", StringComparison.OrdinalIgnoreCase))
        {
            kind = VatKind.None;
            return true;
        }
        if (!decimal.TryParse(value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
        {
            return false;
        }
        var match = Periods.FirstOrDefault(p => p.Percent == percent);
        kind = match?.Kind ?? VatKind.Standard;
        return match is not null;
    }

    /// <summary>«22 %» (ru: a space before the sign) or "22%" (en); "7,5 %" / "7.5%" if a rate ever has a fraction.</summary>
    public static string FormatPercent(decimal percent, string language) => VatRate.IsEnglish(language)
        ? percent.ToString("0.##", CultureInfo.InvariantCulture) + "%"
        : percent.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',') + " %";
}
