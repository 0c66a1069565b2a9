using System.Collections.Immutable;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>Whom a scheme applies to.</summary>
public enum SchemeTargetKind
{
    Role,
    Team,
    Person,
}

/// <summary>A role (identity's role name), a team or a person (user id) a scheme applies to.</summary>
public sealed record SchemeTarget(SchemeTargetKind Kind, string Id);

/// <summary>
/// One measure of a scheme: its plan for the period, its weight in the total achievement, the
/// minimum achievement below which it counts 0 and the cap above which it counts no more.
/// </summary>
/// <param name="MeasureCode">A code of <see cref="Measures.MeasureCatalogue"/>.</param>
/// <param name="Plan">The planned value for the period, in the measure's unit (more than 0).</param>
/// <param name="Weight">Its share in the weighted total achievement (more than 0; weights need not add up to 100).</param>
/// <param name="MinimumPercent">Below this achievement the measure counts 0 % (0: no threshold).</param>
/// <param name="CapPercent">Above this achievement the measure counts the cap (null: no cap), e.g. 150.</param>
public sealed record SchemeMeasure(string MeasureCode, decimal Plan, decimal Weight, decimal MinimumPercent = 0, decimal? CapPercent = null);

/// <summary>What a director edits: a scheme's content, saved as a new version each time it changes.</summary>
/// <param name="BaseSalary">The monthly base salary the formula's <c>base_salary</c> holds for everyone the scheme applies to (0 or more).</param>
public sealed record SchemeDraft(string Name, SchemeTarget Target, PeriodKind PeriodKind, IReadOnlyList<SchemeMeasure> Measures, string Formula,
    decimal BaseSalary = 0m);

/// <summary>
/// One version of a scheme, immutable: a period result names the version it was computed with,
/// so a later change never alters a closed period's explanation.
/// </summary>
public sealed record SchemeVersion(
    Guid SchemeId,
    int Version,
    string Name,
    SchemeTarget Target,
    PeriodKind PeriodKind,
    ImmutableArray<SchemeMeasure> Measures,
    string Formula,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    decimal BaseSalary = 0m)
{
    /// <summary>The variables this version's formula may use.</summary>
    public IReadOnlyList<string> Variables => SchemeVariables.For(Measures);

    internal bool HasContentOf(SchemeDraft draft) =>
        Name == draft.Name.Trim() && Target == draft.Target && PeriodKind == draft.PeriodKind && Formula == draft.Formula
        && Measures.SequenceEqual(draft.Measures) && BaseSalary == draft.BaseSalary;
}

/// <summary>A field of a scheme draft that cannot be saved, and why (the formula's problems carry their position).</summary>
/// <param name="Field">The field as the API names it, e.g. "measures[1].plan" or "formula".</param>
public sealed record SchemeProblem(string Field, string Message, FormulaError? Formula = null);

/// <summary>The scheme after a save, or why it could not be saved (nothing changed then).</summary>
public sealed record SchemeSave(KpiScheme? Scheme, IReadOnlyList<SchemeProblem> Problems, bool Changed)
{
    public bool Saved => Problems.Count == 0;
}

/// <summary>
/// A KPI scheme and all its versions, oldest first. Saving a changed draft appends a version;
/// saving an unchanged one appends nothing; versions are never edited or removed.
/// </summary>
public sealed class KpiScheme
{
    private KpiScheme(Guid id, ImmutableArray<SchemeVersion> versions) => (Id, Versions) = (id, versions);

    public Guid Id { get; }

    public ImmutableArray<SchemeVersion> Versions { get; }

    public SchemeVersion Current => Versions[^1];

    public SchemeVersion? Version(int version) => Versions.FirstOrDefault(v => v.Version == version);

    /// <summary>Rebuilds a scheme from its stored versions.</summary>
    public static KpiScheme FromVersions(Guid id, IEnumerable<SchemeVersion> versions)
    {
        var ordered = versions.OrderBy(v => v.Version).ToImmutableArray();
        if (ordered.IsEmpty || ordered.Select((v, i) => v.Version != i + 1 || v.SchemeId != id).Any(bad => bad))
            throw new ArgumentException("A scheme's versions are numbered 1, 2, … and belong to it.", nameof(versions));
        return new KpiScheme(id, ordered);
    }

    public static SchemeSave Create(Guid id, SchemeDraft draft, string by, DateTimeOffset at)
    {
        var problems = SchemeRules.Check(draft);
        return problems.Count > 0
            ? new SchemeSave(null, problems, Changed: false)
            : new SchemeSave(new KpiScheme(id, [VersionOf(id, 1, draft, by, at)]), [], Changed: true);
    }

    public SchemeSave Revise(SchemeDraft draft, string by, DateTimeOffset at)
    {
        var problems = SchemeRules.Check(draft);
        if (problems.Count > 0)
            return new SchemeSave(this, problems, Changed: false);
        if (Current.HasContentOf(draft))
            return new SchemeSave(this, [], Changed: false);
        return new SchemeSave(new KpiScheme(Id, Versions.Add(VersionOf(Id, Current.Version + 1, draft, by, at))), [], Changed: true);
    }

    private static SchemeVersion VersionOf(Guid id, int version, SchemeDraft draft, string by, DateTimeOffset at) =>
        new(id, version, draft.Name.Trim(), draft.Target, draft.PeriodKind, [.. draft.Measures], draft.Formula, at, by, draft.BaseSalary);
}
