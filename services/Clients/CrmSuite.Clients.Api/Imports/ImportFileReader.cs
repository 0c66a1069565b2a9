using System.Text;
using CrmSuite.BuildingBlocks.Errors;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CrmSuite.Clients.Api.Imports;

public sealed record ParsedRow(int RowNumber, string[] Cells, string? Error);

public sealed record ParsedFile(string Format, string? Encoding, char? Delimiter, string[] Headers, List<ParsedRow> Rows);

/// <summary>
/// Reads an uploaded CSV or XLSX into a header and text rows. CSV: UTF-8 (with or without BOM)
/// or Windows-1251, ';' or ',' delimited, RFC 4180 quoting; a row with broken quoting becomes a
/// row error naming the column instead of shifting every later value.
/// </summary>
public static class ImportFileReader
{
    public const long MaxBytes = 50L * 1024 * 1024;
    public const int MaxColumns = 200;
    private const string Field = "file";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1251;

    static ImportFileReader()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1251 = Encoding.GetEncoding(1251, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static ParsedFile Read(byte[] data, string fileName)
    {
        if (data.Length == 0)
        {
            throw new ValidationFailedException(Field, "The file is empty.");
        }
        // An XLSX is a ZIP package: "PK\x03\x04".
        var isZip = data.Length > 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4;
        if (isZip || fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return ReadXlsx(data);
        }
        var (text, encoding) = Decode(data);
        return ReadCsv(text, encoding);
    }

    /// <summary>UTF-8 (BOM or strictly valid), else Windows-1251 when the bytes read as text; anything else is refused.</summary>
    internal static (string Text, string Encoding) Decode(byte[] data)
    {
        if ((data.Length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))))
        {
            throw new ValidationFailedException(Field, "The file is UTF-16; save it as CSV UTF-8 (or Windows-1251) and upload it again.");
        }
        var offset = data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
        string? text = null;
        string encoding = "utf-8";
        try
        {
            text = StrictUtf8.GetString(data, offset, data.Length - offset);
        }
        catch (DecoderFallbackException) when (offset == 0)
        {
            try
            {
                text = Windows1251.GetString(data);
                encoding = "windows-1251";
            }
            catch (DecoderFallbackException)
            {
                // 0x98 is the one byte Windows-1251 leaves undefined.
            }
        }
        catch (DecoderFallbackException)
        {
            throw new ValidationFailedException(Field, "The file says it is UTF-8 (it starts with a BOM) but has bytes that are not UTF-8.");
        }
        // Text files hold no control characters besides tab and line breaks: binary data (or UTF-16
        // without a BOM) decodes "validly" in Windows-1251 but is not a table.
        if (text is null || HasControlCharacters(text))
        {
            throw new ValidationFailedException(Field, "The file is neither UTF-8 nor Windows-1251 text; save it as CSV UTF-8 (or XLSX) and upload it again.");
        }
        return (text, encoding);
    }

    private static bool HasControlCharacters(string text)
    {
        foreach (var ch in text)
        {
            if (char.IsControl(ch) && ch is not ('\t' or '\r' or '\n'))
            {
                return true;
            }
        }
        return false;
    }

    internal static ParsedFile ReadCsv(string text, string encoding)
    {
        var delimiter = DetectDelimiter(text);
        var rows = new List<ParsedRow>();
        string[]? headers = null;
        var position = 0;
        var record = 0;
        while (position < text.Length)
        {
            var (cells, error, next) = ReadRecord(text, position, delimiter);
            position = next;
            if (error is null && cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (headers is null)
            {
                if (error is not null)
                {
                    throw new ValidationFailedException(Field, "The header row cannot be read: " + error);
                }
                headers = CheckHeaders(cells);
                continue;
            }
            record++;
            if (error is null && cells.Length > headers.Length && cells.Skip(headers.Length).Any(c => c.Length > 0))
            {
                error = $"The row has {cells.Length} values but the header has {headers.Length} columns; check the quotes and the delimiter ('{delimiter}').";
            }
            rows.Add(new ParsedRow(record, error is null ? Fit(cells, headers.Length) : [], error));
        }
        if (headers is null)
        {
            throw new ValidationFailedException(Field, "The file has no header row.");
        }
        return new ParsedFile("csv", encoding, delimiter, headers, rows);
    }

    /// <summary>The delimiter that occurs more often (outside quotes) in the first line; ';' when neither does.</summary>
    private static char DetectDelimiter(string text)
    {
        int semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && ch is '\n' or '\r' && semicolons + commas > 0)
            {
                break;
            }
            else if (!quoted && ch == ';')
            {
                semicolons++;
            }
            else if (!quoted && ch == ',')
            {
                commas++;
            }
        }
        return commas > semicolons ? ',' : ';';
    }

    /// <summary>
    /// One RFC 4180 record from <paramref name="start"/>. On bad quoting the rest of the physical
    /// line is skipped and the error names the column; an unclosed quote is reported at its row.
    /// </summary>
    private static (string[] Cells, string? Error, int Next) ReadRecord(string text, int start, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var i = start;
        while (true)
        {
            var column = cells.Count + 1;
            if (i < text.Length && text[i] == '"')
            {
                var opened = i;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return ([], $"A quote opened in column {column} is never closed.", SkipLine(text, opened));
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    cell.Append(text[i++]);
                }
                if (i < text.Length && text[i] != delimiter && text[i] is not ('\r' or '\n'))
                {
                    return ([], $"Text follows the closing quote in column {column}; enclose the whole value in quotes and double the quotes inside it.", SkipLine(text, i));
                }
            }
            else
            {
                while (i < text.Length && text[i] != delimiter && text[i] is not ('\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        return ([], $"A quote in column {column} is inside a value that does not start with a quote; enclose the value in quotes and double the quotes inside it.", SkipLine(text, i));
                    }
                    cell.Append(text[i++]);
                }
            }
            cells.Add(cell.ToString());
            cell.Clear();
            if (i < text.Length && text[i] == delimiter)
            {
                i++;
                continue;
            }
            return ([.. cells], null, SkipLineBreak(text, i));
        }
    }

    private static int SkipLine(string text, int i)
    {
        while (i < text.Length && text[i] is not ('\r' or '\n'))
        {
            i++;
        }
        return SkipLineBreak(text, i);
    }

    private static int SkipLineBreak(string text, int i) =>
        i < text.Length && text[i] == '\r' ? (i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1)
        : i < text.Length && text[i] == '\n' ? i + 1 : i;

    private static string[] CheckHeaders(IReadOnlyList<string> cells)
    {
        var headers = cells.Select(c => c.Trim()).ToArray();
        if (headers.Length > MaxColumns)
        {
            throw new ValidationFailedException(Field, $"The file has {headers.Length} columns; at most {MaxColumns} can be imported.");
        }
        return headers;
    }

    private static string[] Fit(string[] cells, int width)
    {
        if (cells.Length == width)
        {
            return cells;
        }
        var fitted = new string[width];
        for (var i = 0; i < width; i++)
        {
            fitted[i] = i < cells.Length ? cells[i] : string.Empty;
        }
        return fitted;
    }

    private static ParsedFile ReadXlsx(byte[] data)
    {
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no sheet");
            var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
            string[]? headers = null;
            var rows = new List<ParsedRow>();
            var record = 0;
            using var reader = OpenXmlReader.Create(worksheet);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }
                var row = (Row)reader.LoadCurrentElement()!;
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var index = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < index)
                    {
                        cells.Add(string.Empty);
                    }
                    if (index < MaxColumns + 1)
                    {
                        cells.Add(CellText(cell, shared));
                    }
                }
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (headers is null)
                {
                    headers = CheckHeaders(cells);
                    continue;
                }
                rows.Add(new ParsedRow(++record, Fit([.. cells], headers.Length), null));
            }
            if (headers is null)
            {
                throw new ValidationFailedException(Field, "The first sheet has no header row.");
            }
            return new ParsedFile("xlsx", null, null, headers, rows);
        }
        catch (Exception exception) when (exception is OpenXmlPackageException or InvalidDataException or IOException or FormatException or InvalidOperationException or System.Xml.XmlException or KeyNotFoundException or ArgumentException)
        {
            throw new ValidationFailedException(Field, "The file is not a readable XLSX workbook; save it again from the spreadsheet program.");
        }
    }

    private static string CellText(Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(cell.CellValue?.Text, out var i) && i >= 0 && i < shared.Length ? shared[i] : string.Empty;
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }
        return cell.CellValue?.Text ?? string.Empty;
    }

    /// <summary>"C7" → 2.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var index = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetterUpper(ch))
            {
                break;
            }
            index = index * 26 + (ch - 'A' + 1);
        }
        return index == 0 ? null : index - 1;
    }
}
