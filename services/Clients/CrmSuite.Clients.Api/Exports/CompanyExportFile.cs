using System.Buffers;
using System.Globalization;
using System.Text;
using CrmSuite.BuildingBlocks.Spreadsheets;
using CompanyEntity = CrmSuite.Clients.Api.Companies.Company;

namespace CrmSuite.Clients.Api.Exports;

/// <summary>
/// Writes exported companies as CSV (UTF-8 with BOM, ';' — what ru-RU spreadsheet programs open
/// directly) or XLSX (every cell a text cell). A value that a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR; OWASP "CSV injection") gets a leading apostrophe in CSV;
/// numbers and phone numbers stay as they are. XLSX needs no apostrophe: a text cell never runs.
/// </summary>
public static class CompanyExportFile
{
    public static readonly string[] Headers = ["Name", "INN", "Email", "Phone", "Created (UTC)", "Archived"];

    public static string[] Cells(CompanyEntity company) =>
    [
        company.Name,
        company.Inn ?? string.Empty,
        company.Email ?? string.Empty,
        company.Phone ?? string.Empty,
        company.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        company.ArchivedAt is null ? string.Empty : "yes",
    ];

    public static byte[] Csv(IEnumerable<CompanyEntity> companies)
    {
        var csv = new StringBuilder("\uFEFF");
        csv.Append(string.Join(';', Headers.Select(CsvField))).Append("\r\n");
        foreach (var company in companies)
        {
            csv.Append(string.Join(';', Cells(company).Select(c => CsvField(Neutralize(c))))).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The value as a CSV cell: one a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    public static string Neutralize(string value) => RunsAsFormula(value) ? "'" + value : value;

    /// <summary>
    /// Whether a spreadsheet opening the CSV would take the text for a formula (OWASP "CSV
    /// injection": a start of = + - @, tab or CR). A sign followed only by digits and the separators
    /// of a number or phone number ("+7 495 123-45-67", "-1 234,50") is data and stays as it is:
    /// it can call no function, reference no cell and start no program.
    /// </summary>
    public static bool RunsAsFormula(string value) => value.Length > 0 && value[0] switch
    {
        '=' or '@' or '\t' or '\r' => true,
        '+' or '-' => !IsNumberOrPhone(value.AsSpan(1)),
        _ => false,
    };

    private static readonly SearchValues<char> NumberCharacters = SearchValues.Create("0123456789 ()-.,\u00a0");

    private static bool IsNumberOrPhone(ReadOnlySpan<char> afterSign) =>
        afterSign.ContainsAnyInRange('0', '9') && !afterSign.ContainsAnyExcept(NumberCharacters);

    private static string CsvField(string value) =>
        value.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Every cell a text cell (an inline string, never a formula), streamed by the shared <see cref="XlsxWriter"/>.</summary>
    public static byte[] Xlsx(IEnumerable<CompanyEntity> companies) =>
        XlsxWriter.Write("Companies", companies.Select(Cells).Prepend(Headers).Select(row => row.Select(c => XlsxCell.Of(c))));
}
