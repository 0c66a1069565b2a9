using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Duplicates;

[Flags]
public enum DuplicateReasons
{
    None = 0,
    Inn = 1,
    Email = 2,
    Phone = 4,
    Name = 8,
}

/// <summary>What a duplicate is looked for by: already normalised (INN trimmed, email lower-case, phone E.164).</summary>
public sealed record DuplicateProbe(string? Name, string? Inn, string? Email, string? Phone)
{
    /// <summary>Normalises what a person typed; a value that cannot be read is not matched on (saving reports it).</summary>
    public static DuplicateProbe FromInput(string name, string inn, string email, string phone) => new(
        string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
        string.IsNullOrWhiteSpace(inn) ? null : inn.Trim(),
        !string.IsNullOrWhiteSpace(email) && ContactDetails.TryNormalizeEmail(email, out var e, out _) ? e : null,
        !string.IsNullOrWhiteSpace(phone) && ContactDetails.TryNormalizePhone(phone, out var p, out _) ? p : null);
}

public sealed record DuplicateMatch(Company Company, DuplicateReasons Reasons, double NameSimilarity);

/// <summary>
/// Finds existing companies that a candidate duplicates: by INN (exact), email, phone (both
/// normalised as stored) and a similar name (pg_trgm over <see cref="CompanyNameKey"/>). Only
/// among active companies the caller may see, so a match never reveals a hidden record.
/// </summary>
public sealed class DuplicateMatcher(ClientsDbContext db)
{
    public const int MaxCandidates = 10;

    /// <summary>A company id and how similar its name is (1 for the same name key).</summary>
    public sealed record NameScore(Guid Id, double Score);

    public async Task<IReadOnlyList<DuplicateMatch>> FindAsync(DuplicateProbe probe, Visibility visibility, Guid? excludeId, CancellationToken cancellationToken)
    {
        var visible = Candidates(visibility).Where(c => c.Id != excludeId);
        var (inn, email, phone) = (probe.Inn, probe.Email, probe.Phone);
        var exact = inn is null && email is null && phone is null
            ? []
            : await visible.Where(c => (inn != null && c.Inn == inn) || (email != null && c.Email == email) || (phone != null && c.Phone == phone))
                .OrderBy(c => c.Name).ThenBy(c => c.Id).Take(MaxCandidates).ToListAsync(cancellationToken);
        var matches = exact.ToDictionary(c => c.Id, c => new DuplicateMatch(c, ReasonsOf(c, probe), 0));

        if (probe.Name is { } name)
        {
            var scores = await SimilarNamesAsync(name, visibility, excludeId, cancellationToken);
            var ids = scores.Select(s => s.Id).ToList();
            var named = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            foreach (var score in scores)
            {
                matches[score.Id] = matches.TryGetValue(score.Id, out var found)
                    ? found with { Reasons = found.Reasons | DuplicateReasons.Name, NameSimilarity = score.Score }
                    : new DuplicateMatch(named[score.Id], DuplicateReasons.Name, score.Score);
            }
        }
        return matches.Values.OrderBy(m => Strength(m.Reasons)).ThenByDescending(m => m.NameSimilarity).ThenBy(m => m.Company.Name, StringComparer.CurrentCulture)
            .Take(MaxCandidates).ToList();
    }

    /// <summary>
    /// The best match of each of many probes at once (an import preview): for every distinct INN,
    /// email and phone of the file, the first active visible company with that value; then, for
    /// rows still unmatched, the first with the same name key (legal form, case and punctuation
    /// ignored). Each is one lateral statement probing a btree once per value, so its cost grows
    /// with the file, not with how many stored companies share a value (at a million seeded
    /// companies the file's emails were shared by 419,000 of them). A file is not matched on
    /// merely similar names: one trigram probe costs up to half a second at a million companies,
    /// a file has up to hundreds of thousands of rows. Probes are keyed by their row number.
    /// </summary>
    public async Task<Dictionary<long, DuplicateMatch>> FindBestAsync(IReadOnlyDictionary<long, DuplicateProbe> probes, Visibility visibility, CancellationToken cancellationToken)
    {
        async Task<Dictionary<string, Company>> FirstByAsync(Func<DuplicateProbe, string?> value, string condition)
        {
            var values = probes.Values.Select(value).OfType<string>().Distinct().ToArray();
            var rows = values.Length == 0 ? [] : await FirstMatchesAsync(values, condition, visibility, cancellationToken);
            return rows.ToDictionary(r => values[r.RowNumber - 1], r => r.ToCompany());
        }
        var byInn = await FirstByAsync(p => p.Inn, "c.inn = probe.value");
        var byEmail = await FirstByAsync(p => p.Email, "c.email = probe.value");
        var byPhone = await FirstByAsync(p => p.Phone, "c.phone = probe.value");

        var best = new Dictionary<long, DuplicateMatch>();
        foreach (var (row, probe) in probes)
        {
            var company = (probe.Inn is { } i && byInn.TryGetValue(i, out var a) ? a : null)
                ?? (probe.Email is { } e && byEmail.TryGetValue(e, out var b) ? b : null)
                ?? (probe.Phone is { } p && byPhone.TryGetValue(p, out var c) ? c : null);
            if (company is not null)
            {
                best[row] = new DuplicateMatch(company, ReasonsOf(company, probe), 0);
            }
        }

        // Names only where nothing exact matched and the INNs do not tell the companies apart
        // (two different INNs are two legal entities, however alike their names).
        var byName = probes.Where(p => !best.ContainsKey(p.Key) && p.Value.Name is not null && p.Value.Inn is null).ToList();
        if (byName.Count > 0)
        {
            var names = byName.Select(p => p.Value.Name!).ToArray();
            foreach (var match in await FirstMatchesAsync(names, "company_name_key(c.name) = company_name_key(probe.value)", visibility, cancellationToken))
            {
                best[byName[(int)match.RowNumber - 1].Key] = new DuplicateMatch(match.ToCompany(), DuplicateReasons.Name, 1);
            }
        }
        return best;
    }

    /// <summary>A company found for the value at <see cref="RowNumber"/> (1-based) of a lookup: what a preview shows of it.</summary>
    public sealed record MatchRow(long RowNumber, Guid Id, string Name, string? Inn, string? Email, string? Phone)
    {
        public Company ToCompany() => new() { Id = Id, Name = Name, Inn = Inn, Email = Email, Phone = Phone };
    }

    /// <summary>
    /// For each value, the first active company the caller sees that meets <paramref name="condition"/>
    /// (SQL over <c>c</c>, the company, and <c>probe.value</c>; written in this class, never from input).
    /// </summary>
    private async Task<List<MatchRow>> FirstMatchesAsync(string[] values, string condition, Visibility visibility, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var valuesParameter = parameters.Add(values);
        var visible = visibility.SqlCondition("c", parameters.Add) is { } seen ? " AND " + seen : string.Empty;
        var sql = $"""
            SELECT probe.n AS row_number, m.id, m.name, m.inn, m.email, m.phone
            FROM unnest({valuesParameter}::text[]) WITH ORDINALITY AS probe(value, n)
            CROSS JOIN LATERAL (
                SELECT c.id, c.name, c.inn, c.email, c.phone FROM companies c
                WHERE c.archived_at IS NULL AND {condition}{visible}
                LIMIT 1) m
            """;
        // Only placeholders, the condition (constant SQL of this class) and the visibility
        // condition (itself placeholders) are spliced in.
        return await db.Database.SqlQueryRaw<MatchRow>(sql, parameters.ToArray()).ToListAsync(cancellationToken);
    }

    private IQueryable<Company> Candidates(Visibility visibility) =>
        db.Companies.AsNoTracking().Where(visibility.Filter()).Where(c => c.ArchivedAt == null);

    /// <summary>How many companies of a similar name the form shows.</summary>
    public const int MaxSimilarNames = 3;

    /// <summary>
    /// Up to <see cref="MaxSimilarNames"/> active companies the caller sees whose name is similar,
    /// most similar first. The same name key (similarity 1) is looked up first in its btree
    /// (ix_companies_name_key): a common name shared by hundreds of companies is answered there in
    /// a millisecond. Only when that gives fewer does pg_trgm's <c>%</c> walk the trigram index,
    /// with its threshold raised to ours (<see cref="CompanyNameKey.Threshold"/>, default 0.3) so
    /// that the index itself drops the weaker candidates: at a million seeded companies 35–55 ms
    /// for a new name instead of 0.3–0.7 s (bench/README.md). Visibility is part of both
    /// statements, so a manager's own similar companies are not crowded out by hidden ones.
    /// </summary>
    private async Task<List<NameScore>> SimilarNamesAsync(string name, Visibility visibility, Guid? excludeId, CancellationToken cancellationToken)
    {
        // One parameter list per statement: a parameter belongs to one command.
        (SqlParameters Parameters, string Name, string Conditions, string Limit) Statement()
        {
            var parameters = new SqlParameters();
            var conditions = "c.archived_at IS NULL";
            if (excludeId is { } exclude)
            {
                conditions += $" AND c.id <> {parameters.Add(exclude)}";
            }
            if (visibility.SqlCondition("c", parameters.Add) is { } visible)
            {
                conditions += " AND " + visible;
            }
            return (parameters, parameters.Add(name), conditions, parameters.Add(MaxSimilarNames));
        }

        // Only placeholders and constant SQL of this class are spliced in.
        var exact = Statement();
        var sameSql = $"""
            SELECT c.id, 1.0::float8 AS score FROM companies c
            WHERE company_name_key(c.name) = company_name_key({exact.Name}) AND company_name_key({exact.Name}) <> '' AND {exact.Conditions}
            ORDER BY c.id LIMIT {exact.Limit}
            """;
        var same = await db.Database.SqlQueryRaw<NameScore>(sameSql, exact.Parameters.ToArray()).ToListAsync(cancellationToken);
        if (same.Count >= MaxSimilarNames)
        {
            return same;
        }

        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var setThreshold = $"SET LOCAL pg_trgm.similarity_threshold = {CompanyNameKey.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        await db.Database.ExecuteSqlRawAsync(setThreshold, cancellationToken);
        var trigram = Statement();
        var similarSql = $"""
            SELECT m.id, m.score FROM (
                SELECT c.id, similarity(company_name_key(c.name), company_name_key({trigram.Name}))::float8 AS score
                FROM companies c
                WHERE company_name_key(c.name) % company_name_key({trigram.Name}) AND {trigram.Conditions}
                ORDER BY score DESC, c.id
                LIMIT {trigram.Limit}) m
            WHERE m.score >= {trigram.Parameters.Add(CompanyNameKey.Threshold)}
            """;
        var similar = await db.Database.SqlQueryRaw<NameScore>(similarSql, trigram.Parameters.ToArray()).ToListAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return same.Concat(similar.Where(s => same.All(x => x.Id != s.Id))).Take(MaxSimilarNames).ToList();
    }

    private static DuplicateReasons ReasonsOf(Company company, DuplicateProbe probe) =>
        (probe.Inn is not null && company.Inn == probe.Inn ? DuplicateReasons.Inn : 0)
        | (probe.Email is not null && company.Email == probe.Email ? DuplicateReasons.Email : 0)
        | (probe.Phone is not null && company.Phone == probe.Phone ? DuplicateReasons.Phone : 0);

    private static int Strength(DuplicateReasons reasons) =>
        reasons.HasFlag(DuplicateReasons.Inn) ? 0 : (reasons & (DuplicateReasons.Email | DuplicateReasons.Phone)) != 0 ? 1 : 2;
}
