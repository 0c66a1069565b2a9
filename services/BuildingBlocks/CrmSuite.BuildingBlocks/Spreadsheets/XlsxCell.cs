namespace CrmSuite.BuildingBlocks.Spreadsheets;

/// <summary>
/// One cell of an XLSX row: a text (an inline string, never run as a formula), a number with an
/// Excel number format, or nothing; optionally bold and wrapped. An empty cell keeps its column.
/// </summary>
public readonly record struct XlsxCell(string? Text, decimal? Number, string? NumberFormat = null, bool Bold = false, bool Wrap = false)
{
    public static XlsxCell Empty => default;

    public static XlsxCell Of(string text, bool bold = false, bool wrap = false) => new(text, null, null, bold, wrap);

    /// <summary>A number shown with <paramref name="format"/> (e.g. <c>#,##0.00 "₽"</c>, <c>0.00%</c>); no value leaves the cell empty.</summary>
    public static XlsxCell Of(decimal? number, string format, bool bold = false) => number is null ? new(null, null, null, bold) : new(null, number, format, bold);

    internal bool Styled => Bold || Wrap || NumberFormat is not null;
}

/// <summary>How a sheet looks: column widths (in characters, first column first) and header rows that stay on screen while scrolling.</summary>
public sealed record XlsxLayout(IReadOnlyList<double> ColumnWidths, int FrozenRows = 0);
