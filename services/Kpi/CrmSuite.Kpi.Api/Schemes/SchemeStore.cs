using System.Collections.Immutable;
using System.Text.Json;
using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>One stored version of a scheme (table scheme_versions): never updated, never deleted.</summary>
public sealed class SchemeVersionRow
{
    public Guid SchemeId { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = string.Empty;
    /// <summary>role, team or person.</summary>
    public string TargetKind { get; set; } = string.Empty;
    public string TargetId { get; set; } = string.Empty;
    /// <summary>month or quarter.</summary>
    public string PeriodKind { get; set; } = string.Empty;
    /// <summary>The measures as JSON (<see cref="SchemeMeasure"/>[]).</summary>
    public string Measures { get; set; } = "[]";
    public string Formula { get; set; } = string.Empty;
    public decimal BaseSalary { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The display name of who saved it.</summary>
    public string CreatedBy { get; set; } = string.Empty;
}

/// <summary>
/// Reads and appends scheme versions. Two people saving the same scheme at once both try to add
/// the same version number: the primary key (scheme_id, version) lets one win, the other's
/// SaveChanges fails with a unique violation (the API answers 409).
/// </summary>
public sealed class SchemeStore(KpiDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A scheme with all its versions, or null.</summary>
    public async Task<KpiScheme?> FindAsync(Guid schemeId, CancellationToken ct)
    {
        var rows = await db.SchemeVersions.AsNoTracking().Where(v => v.SchemeId == schemeId).OrderBy(v => v.Version).ToListAsync(ct);
        return rows.Count == 0 ? null : KpiScheme.FromVersions(schemeId, rows.Select(ToVersion));
    }

    /// <summary>The current (latest) version of every scheme, newest change first.</summary>
    public async Task<IReadOnlyList<SchemeVersion>> CurrentAsync(CancellationToken ct)
    {
        var rows = await db.SchemeVersions.AsNoTracking()
            .Where(v => v.Version == db.SchemeVersions.Where(o => o.SchemeId == v.SchemeId).Max(o => o.Version))
            .OrderByDescending(v => v.CreatedAt)
            .ToListAsync(ct);
        return [.. rows.Select(ToVersion)];
    }

    /// <summary>Adds the version to the context (the caller saves it, with its audit, in one SaveChanges).</summary>
    public void Append(SchemeVersion version) => db.SchemeVersions.Add(ToRow(version));

    public static SchemeVersion ToVersion(SchemeVersionRow row) => new(
        row.SchemeId,
        row.Version,
        row.Name,
        new SchemeTarget(Enum.Parse<SchemeTargetKind>(row.TargetKind, ignoreCase: true), row.TargetId),
        Enum.Parse<PeriodKind>(row.PeriodKind, ignoreCase: true),
        JsonSerializer.Deserialize<ImmutableArray<SchemeMeasure>>(row.Measures, Json),
        row.Formula,
        row.CreatedAt,
        row.CreatedBy,
        row.BaseSalary);

    public static SchemeVersionRow ToRow(SchemeVersion version) => new()
    {
        SchemeId = version.SchemeId,
        Version = version.Version,
        Name = version.Name,
        TargetKind = version.Target.Kind.ToString().ToLowerInvariant(),
        TargetId = version.Target.Id,
        PeriodKind = version.PeriodKind.ToString().ToLowerInvariant(),
        Measures = JsonSerializer.Serialize(version.Measures, Json),
        Formula = version.Formula,
        BaseSalary = version.BaseSalary,
        CreatedAt = version.CreatedAt,
        CreatedBy = version.CreatedBy,
    };
}
