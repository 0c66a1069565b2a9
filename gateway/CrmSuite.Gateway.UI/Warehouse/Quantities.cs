using System.Globalization;

namespace CrmSuite.Gateway.UI.Warehouse;

/// <summary>
/// Quantities and money travel as invariant decimal strings ("12.5"). People type them with a comma
/// or a dot, so the UI accepts both and sends the dot; anything else goes to the service as typed,
/// and its field message explains what is wrong.
/// </summary>
public static class Quantities
{
    public static string ToWire(string typed)
    {
        var text = typed.Trim().Replace(" ", "", StringComparison.Ordinal).Replace('\u00A0'.ToString(), "", StringComparison.Ordinal);
        return text.Contains(',', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal)
            ? text.Replace(',', '.')
            : text;
    }

    public static decimal? Parse(string typed) =>
        decimal.TryParse(ToWire(typed), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>One more of what was scanned: a count that cannot be read starts again from one.</summary>
    public static string PlusOne(string typed) => Format((Parse(typed) ?? 0m) + 1m);

    /// <summary>The quantities of a product's lines added up (a document may list a product twice).</summary>
    public static string Sum(IEnumerable<string> quantities) =>
        Format(quantities.Select(quantity => Parse(quantity) ?? 0m).Sum());
}
