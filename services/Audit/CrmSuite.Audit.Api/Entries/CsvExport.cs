using System.Globalization;
using System.Text;
using CrmSuite.Audit.Api.Chain;

namespace CrmSuite.Audit.Api.Entries;

/// <summary>
/// Audit entries as RFC 4180 CSV (comma, CRLF, fields quoted when they hold a comma, quote or line
/// break). The log holds text typed by users (names, user agents), so a cell that a spreadsheet
/// would evaluate as a formula — starting with = + - @, tab or carriage return (OWASP's CSV
/// injection list) — gets a leading apostrophe. The hashes are included so the export can be
/// checked against the chain; JSON
/// columns are in the canonical form the hash covers.
/// </summary>
public static class CsvExport
{
    public static readonly string[] Header =
    [
        "id", "occurred_at", "recorded_at", "actor_id", "actor_name", "actor_role", "action", "entity_type", "entity_id",
        "ip", "user_agent", "outcome", "before", "after", "details", "event_id", "prev_hash", "hash",
    ];

    public static string Write(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder();
        WriteRow(csv, Header);
        foreach (var e in entries)
        {
            WriteRow(csv,
            [
                e.Id.ToString(CultureInfo.InvariantCulture), ChainHash.Time(e.OccurredAt), ChainHash.Time(e.RecordedAt),
                e.ActorId, e.ActorName, e.ActorRole, e.Action, e.EntityType, e.EntityId, e.Ip, e.UserAgent, e.Outcome,
                Json(e.Before), Json(e.After), Json(e.Details), e.EventId, e.PrevHash, e.Hash,
            ]);
        }
        return csv.ToString();
    }

    private static string? Json(string? json) => json is null ? null : CanonicalJson.Canonicalize(json);

    private static void WriteRow(StringBuilder csv, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            csv.Append(Cell(cells[i]));
        }
        csv.Append("\r\n");
    }

    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
