using System.Globalization;
using System.Text.RegularExpressions;
using CrmSuite.Documents.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>
/// Gapless numbers per organisation, type and year. The counter row is incremented with
/// INSERT … ON CONFLICT DO UPDATE … RETURNING inside the issuing transaction: a concurrent issue of
/// the same type waits on the row until this one commits or rolls back, and a rollback (the file
/// could not be made, the database refused the save) takes the increment back with it, so numbers
/// run 1, 2, 3 … with no gap and no duplicate. An annulled document keeps its number.
/// </summary>
public static partial class DocumentNumbering
{
    public const int MaxPatternLength = 100;

    [GeneratedRegex(@"\{(yyyy|yy|n(:0{1,12})?)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[{}]")]
    private static partial Regex Brace();

    /// <summary>Null when the pattern is usable; otherwise what is wrong with it.</summary>
    public static string? Validate(string pattern)
    {
        if (pattern.Length is 0 or > MaxPatternLength)
        {
            return $"Required, at most {MaxPatternLength} characters, e.g. СЧ-{{yyyy}}-{{n:000000}}.";
        }
        if (!Placeholder().Matches(pattern).Any(m => m.Value.StartsWith("{n", StringComparison.Ordinal)))
        {
            return "Must contain the number: {n}, or {n:000000} for zero-padded.";
        }
        var rest = Placeholder().Replace(pattern, string.Empty);
        if (Brace().IsMatch(rest))
        {
            return "Only {yyyy}, {yy}, {n} and {n:000…} may be in braces.";
        }
        if (rest.Any(char.IsControl))
        {
            return "Must not contain control characters.";
        }
        return null;
    }

    public static string Format(string pattern, int year, long number) => Placeholder().Replace(pattern, m => m.Groups[1].Value switch
    {
        "yyyy" => year.ToString("0000", CultureInfo.InvariantCulture),
        "yy" => (year % 100).ToString("00", CultureInfo.InvariantCulture),
        _ => number.ToString(m.Groups[2].Success ? m.Groups[2].Value[1..] : "0", CultureInfo.InvariantCulture),
    });

    /// <summary>The next number; call it inside the issuing transaction (the row stays locked until it ends).</summary>
    public static async Task<long> NextAsync(DocumentsDbContext db, Guid organisationId, string type, int year, CancellationToken cancellationToken) =>
        // ToList, not Single: EF would wrap a composed query around the INSERT, which PostgreSQL refuses.
        (await db.Database.SqlQuery<long>($"""
            INSERT INTO document_counters (organisation_id, type, year, last_number) VALUES ({organisationId}, {type}, {year}, 1)
            ON CONFLICT (organisation_id, type, year) DO UPDATE SET last_number = document_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(cancellationToken)).Single();

    public static async Task<string> PatternAsync(DocumentsDbContext db, Guid organisationId, string type, CancellationToken cancellationToken) =>
        await db.NumberingRules.AsNoTracking().Where(r => r.OrganisationId == organisationId && r.Type == type)
            .Select(r => r.Pattern).FirstOrDefaultAsync(cancellationToken) ?? DocumentTypes.DefaultPattern(type);
}
