using System.Text;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// How a search text is looked up in the word index (table <c>company_search_words</c>, kept by a
/// trigger, see migration CompanySearchWords): every typed word must start a word of the
/// company's name or email, or its INN or phone digits. The longest typed word drives: its first
/// three letters select one run of the index, which is already in name order, so the first page
/// is read without collecting and sorting every match. The other words are checked per company.
/// </summary>
public sealed record WordSearchPlan(IReadOnlyList<string> Driving, IReadOnlyList<string> Others)
{
    public const int PrefixLength = 3;

    /// <summary>The plan for a query, or null when no typed word is long enough to drive the index.</summary>
    public static WordSearchPlan? For(string query)
    {
        var looksNumeric = query.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')');
        if (looksNumeric)
        {
            // "8 (495) 123-45" is one number: the INN or phone digits, with Russia's trunk 8 read as +7.
            var digits = new string(query.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length < PrefixLength)
            {
                return null;
            }
            return new WordSearchPlan(digits[0] == '8' ? [digits, "7" + digits[1..]] : [digits], []);
        }

        var words = Words(query);
        if (words.Count > 1)
        {
            words.RemoveAll(w => w.Length < 2);
        }
        var driving = words.OrderByDescending(w => w.Length).FirstOrDefault();
        if (driving is null || driving.Length < PrefixLength)
        {
            return null;
        }
        words.Remove(driving);
        return new WordSearchPlan([driving], words.Distinct().ToList());
    }

    private static List<string> Words(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in query.Append(' '))
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(char.ToLowerInvariant(ch));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        return words;
    }
}

/// <summary>
/// Search-as-you-type over the word index: one statement returns the ids of a page of matches in
/// (name, id) order, visible to the caller and not archived (unless asked). Written in SQL because
/// its speed depends on its exact shape (an ordered index walk, a merge of at most two runs, a
/// streaming DISTINCT, a nested loop into companies, LIMIT): bench/clients-scale measures it, and
/// bench/clients-scale/search.sql is this statement for pgbench.
/// </summary>
public sealed class CompanySearch(ClientsDbContext db)
{
    public async Task<IReadOnlyList<Guid>> PageAsync(WordSearchPlan plan, Visibility visibility, bool includeArchived, PageToken? after, int limit, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();

        var afterCondition = string.Empty;
        if (after is not null)
        {
            afterCondition = $" AND (name, company_id) > ({parameters.Add(after.Text ?? string.Empty)}, {parameters.Add(after.Id)})";
        }
        var runs = plan.Driving.Select(word =>
            $"(SELECT name, company_id FROM company_search_words WHERE prefix = {parameters.Add(word[..WordSearchPlan.PrefixLength])} " +
            $"AND word LIKE {parameters.Add(word + "%")}{afterCondition} ORDER BY name, company_id)");

        var conditions = new List<string>();
        if (!includeArchived)
        {
            conditions.Add("c.archived_at IS NULL");
        }
        conditions.AddRange(plan.Others.Select(word =>
            $"EXISTS (SELECT 1 FROM company_search_words o WHERE o.company_id = c.id AND o.word LIKE {parameters.Add(word + "%")})"));
        if (visibility.SqlCondition("c", parameters.Add) is { } visible)
        {
            conditions.Add(visible);
        }

        var sql = $"""
            SELECT m.company_id AS "Value"
            FROM (
                SELECT DISTINCT ON (w.name, w.company_id) w.name, w.company_id
                FROM ({string.Join(" UNION ALL ", runs)}) AS w
                ORDER BY w.name, w.company_id
            ) AS m
            JOIN companies AS c ON c.id = m.company_id
            {(conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions))}
            ORDER BY m.name, m.company_id
            LIMIT {parameters.Add(limit)}
            """;
        return await db.Database.SqlQueryRaw<Guid>(sql, parameters.ToArray()).ToListAsync(cancellationToken);
    }
}
