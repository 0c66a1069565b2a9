using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CrmSuite.BuildingBlocks.Spreadsheets;

/// <summary>
/// Writes a one-sheet XLSX workbook with the OpenXml SDK, streaming the rows with OpenXmlWriter
/// (no DOM of the whole sheet). Texts are inline strings, never formulas; numbers are stored
/// invariantly with their number format. A styles part is written only when a cell is styled.
/// </summary>
public static class XlsxWriter
{
    public static byte[] Write(string sheetName, IEnumerable<IEnumerable<XlsxCell>> rows, XlsxLayout? layout = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var styles = new StyleTable();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                if (layout is { FrozenRows: > 0 } frozen)
                    writer.WriteElement(FrozenView(frozen.FrozenRows));
                if (layout is { ColumnWidths.Count: > 0 } widths)
                    writer.WriteElement(new Columns(widths.ColumnWidths.Select((width, i) =>
                        new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })));
                writer.WriteStartElement(new SheetData());
                uint rowIndex = 0;
                foreach (var row in rows)
                {
                    rowIndex++;
                    writer.WriteStartElement(new Row { RowIndex = rowIndex });
                    var column = 0;
                    foreach (var cell in row)
                    {
                        column++;
                        if (cell.Text is not null || cell.Number is not null || cell.Styled)
                            writer.WriteElement(CellOf(cell, Reference(column, rowIndex), styles));
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            if (styles.Used)
                workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = styles.Stylesheet();
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The A1 reference of a cell: column 1 is A, 27 is AA.</summary>
    public static string Reference(int column, uint row)
    {
        var letters = string.Empty;
        for (; column > 0; column = (column - 1) / 26)
            letters = (char)('A' + (column - 1) % 26) + letters;
        return letters + row.ToString(CultureInfo.InvariantCulture);
    }

    private static Cell CellOf(XlsxCell value, string reference, StyleTable styles)
    {
        var cell = value.Number is { } number
            ? new Cell(new CellValue(number.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number }
            : value.Text is { } text
                ? new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString }
                : new Cell();
        cell.CellReference = reference;
        if (value.Styled)
            cell.StyleIndex = styles.IndexOf(value.NumberFormat, value.Bold, value.Wrap);
        return cell;
    }

    private static SheetViews FrozenView(int rows) => new(new SheetView(
        new Pane { VerticalSplit = rows, TopLeftCell = Reference(1, (uint)rows + 1), ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft })
    { WorkbookViewId = 0 });

    /// <summary>The cell formats used, in order of first use; index 0 is the default format every workbook needs.</summary>
    private sealed class StyleTable
    {
        private const uint FirstCustomFormatId = 164;
        private readonly List<(string? Format, bool Bold, bool Wrap)> _formats = [(null, false, false)];
        private readonly List<string> _numberFormats = [];

        public bool Used => _formats.Count > 1;

        public uint IndexOf(string? format, bool bold, bool wrap)
        {
            var index = _formats.IndexOf((format, bold, wrap));
            if (index >= 0)
                return (uint)index;
            if (format is not null && !_numberFormats.Contains(format))
                _numberFormats.Add(format);
            _formats.Add((format, bold, wrap));
            return (uint)_formats.Count - 1;
        }

        public Stylesheet Stylesheet() => new(
            new NumberingFormats(_numberFormats.Select((code, i) => new NumberingFormat { NumberFormatId = FirstCustomFormatId + (uint)i, FormatCode = code }))
            { Count = (uint)_numberFormats.Count },
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(_formats.Select(CellFormatOf)) { Count = (uint)_formats.Count });

        private CellFormat CellFormatOf((string? Format, bool Bold, bool Wrap) style)
        {
            var format = new CellFormat { FontId = style.Bold ? 1u : 0u, FillId = 0, BorderId = 0, FormatId = 0 };
            if (style.Format is not null)
            {
                format.NumberFormatId = FirstCustomFormatId + (uint)_numberFormats.IndexOf(style.Format);
                format.ApplyNumberFormat = true;
            }
            else
            {
                format.NumberFormatId = 0;
            }
            if (style.Bold)
                format.ApplyFont = true;
            if (style.Wrap)
            {
                format.Alignment = new Alignment { WrapText = true };
                format.ApplyAlignment = true;
            }
            return format;
        }
    }
}
