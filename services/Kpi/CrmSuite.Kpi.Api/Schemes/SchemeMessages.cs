using System.Collections.Immutable;
using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Kpi.Api.Measures;
using Microsoft.AspNetCore.Http;
using Contracts = CrmSuite.Kpi.Contracts;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>
/// Between the KPI schemes' messages and the domain: a request read strictly into a draft (each
/// bad value named by its field), a version written back as people read it (names, not ids).
/// </summary>
internal static class SchemeMessages
{
    private const NumberStyles Strict = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>The caller's language: the request's Accept-Language (the staff UI sends the one it shows), else the token's locale, else English.</summary>
    public static string LanguageOf(HttpContext http)
    {
        var accepted = http.Request.Headers.AcceptLanguage.ToString().TrimStart();
        if (accepted.Length > 0 && !accepted.StartsWith('*'))
            return accepted.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : "en";
        return http.User.FindFirst("locale")?.Value is "ru" ? "ru" : "en";
    }

    /// <summary>The request as a draft; every field that cannot be read is collected into <paramref name="errors"/>.</summary>
    public static SchemeDraft Draft(Contracts.SaveSchemeRequest request, SchemeFieldErrors errors)
    {
        var kind = TargetKind(request.Target?.Kind, errors);
        var targetId = request.Target?.Id?.Trim() ?? "";
        if (kind == SchemeTargetKind.Role && targetId.Length > 0 && !RoleNames.Known(targetId))
            errors.Add("target.id", $"There is no role '{targetId}'; one of {string.Join(", ", RoleNames.All)}.");
        var periodKind = request.PeriodKind switch
        {
            "month" => PeriodKind.Month,
            "quarter" => PeriodKind.Quarter,
            _ => Invalid(errors, "period_kind", "Must be month or quarter.", PeriodKind.Month),
        };
        var baseSalary = request.BaseSalary.Length == 0 ? 0m : Number(request.BaseSalary, "base_salary", errors) ?? 0m;
        return new SchemeDraft(request.Name, new SchemeTarget(kind, targetId), periodKind, Measures(request.Measures, errors), request.Formula, baseSalary);
    }

    /// <summary>
    /// The scheme's measures as the request gives them; plan and weight are required to save
    /// (a formula check, made while the plans are still being typed, reads an empty one as 0), thresholds optional.
    /// </summary>
    public static IReadOnlyList<SchemeMeasure> Measures(IEnumerable<Contracts.SchemeMeasure> measures, SchemeFieldErrors errors, bool saving = true) =>
        [.. measures.Select((m, i) =>
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"measures[{i}]");
            var plan = saving || m.Plan.Length > 0 ? Required(m.Plan, field + ".plan", errors) : 0m;
            var weight = saving || m.Weight.Length > 0 ? Required(m.Weight, field + ".weight", errors) : 0m;
            var minimum = m.MinimumPercent.Length == 0 ? 0m : Number(m.MinimumPercent, field + ".minimum_percent", errors) ?? 0m;
            var cap = m.CapPercent.Length == 0 ? null : Number(m.CapPercent, field + ".cap_percent", errors);
            return new SchemeMeasure(m.MeasureCode, plan, weight, minimum, cap);
        })];

    /// <summary>A decimal written with digits, an optional sign and a decimal point ("1234.50"): no spaces, commas or exponents.</summary>
    public static decimal? Number(string text, string field, SchemeFieldErrors errors)
    {
        if (decimal.TryParse(text, Strict, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(field, $"'{text}' is not a number; write digits with a decimal point, e.g. 1234.50.");
        return null;
    }

    private static decimal Required(string text, string field, SchemeFieldErrors errors)
    {
        if (text.Length > 0)
            return Number(text, field, errors) ?? 0m;
        errors.Add(field, "Required: a number such as 1234.50.");
        return 0m;
    }

    private static SchemeTargetKind TargetKind(string? kind, SchemeFieldErrors errors) => kind switch
    {
        "role" => SchemeTargetKind.Role,
        "team" => SchemeTargetKind.Team,
        "person" => SchemeTargetKind.Person,
        _ => Invalid(errors, "target.kind", "Must be role, team or person.", SchemeTargetKind.Role),
    };

    private static T Invalid<T>(SchemeFieldErrors errors, string field, string message, T fallback)
    {
        errors.Add(field, message);
        return fallback;
    }


    public static Contracts.FormulaProblem Problem(FormulaError error, string formula, string language) => new()
    {
        Message = error.MessageIn(language),
        Line = error.Problem == FormulaProblem.Empty ? 0 : error.Line,
        Column = error.Problem == FormulaProblem.Empty ? 0 : error.Column,
        Near = error.Name ?? (error.Position < formula.Length && error.Problem != FormulaProblem.Empty ? formula[error.Position].ToString() : ""),
    };

    public static Contracts.MeasureInfo Measure(Measure m, string language) => new()
    {
        Code = m.Code,
        Name = m.Name(language),
        Unit = m.Unit.ToString().ToLowerInvariant(),
        LowerIsBetter = m.LowerIsBetter,
        ByPipeline = m.ByPipeline,
        Kinds = { m.Kinds },
    };

    public static Contracts.Scheme Scheme(Guid id, SchemeVersion current, IEnumerable<SchemeVersion> versions, Func<SchemeTarget, string> name) => new()
    {
        SchemeId = id.ToString(),
        Current = Version(current, name),
        Versions = { versions.Select(v => Version(v, name)) },
        Variables = { current.Variables },
    };

    private static Contracts.SchemeVersion Version(SchemeVersion v, Func<SchemeTarget, string> name) => new()
    {
        Version = v.Version,
        Name = v.Name,
        Target = new Contracts.SchemeTarget { Kind = Text(v.Target.Kind), Id = v.Target.Id, Name = name(v.Target) },
        PeriodKind = v.PeriodKind.ToString().ToLowerInvariant(),
        Measures = { v.Measures.Select(Measure) },
        Formula = v.Formula,
        CreatedAt = v.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        CreatedBy = v.CreatedBy,
        BaseSalary = Text(v.BaseSalary),
    };

    private static Contracts.SchemeMeasure Measure(SchemeMeasure m) => new()
    {
        MeasureCode = m.MeasureCode,
        Plan = Text(m.Plan),
        Weight = Text(m.Weight),
        MinimumPercent = Text(m.MinimumPercent),
        CapPercent = m.CapPercent is { } cap ? Text(cap) : "",
    };

    public static string Text(SchemeTargetKind kind) => kind.ToString().ToLowerInvariant();

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The values a formula check's trial run uses: the sample's, else the plan for fact_*, 100 for achievements, 0 otherwise.</summary>
    public static IReadOnlyDictionary<string, decimal> Sample(IReadOnlyList<SchemeMeasure> measures, IDictionary<string, string> sample, SchemeFieldErrors errors)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal) { [SchemeVariables.TotalAchievement] = 100m, [SchemeVariables.BaseSalary] = 0m };
        foreach (var m in measures)
        {
            values[SchemeVariables.Fact(m.MeasureCode)] = m.Plan;
            values[SchemeVariables.Plan(m.MeasureCode)] = m.Plan;
            values[SchemeVariables.Achievement(m.MeasureCode)] = 100m;
        }
        foreach (var (name, text) in sample.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var field = $"sample[{name}]";
            if (!values.ContainsKey(name))
                errors.Add(field, $"'{name}' is not a variable of these measures; one of {string.Join(", ", values.Keys)}.");
            else if (Number(text, field, errors) is { } value)
                values[name] = value;
        }
        return values.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>Who saves: the person's name from the token, else their id.</summary>
    public static string Author(HttpContext http) =>
        http.User.FindFirst(CrmClaims.Name)?.Value is { Length: > 0 } name ? name : http.User.UserId() ?? "unknown";
}

/// <summary>
/// The bad fields of a scheme request, all answered at once: those that could not be read, then
/// SchemeRules' problems for the other fields (a plan that is not a number is not also "not above 0").
/// </summary>
internal sealed class SchemeFieldErrors
{
    private readonly List<FieldError> _errors = [];

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    /// <summary>The draft's problems for fields not already refused; a formula's message names its line and column in the caller's language.</summary>
    public void Add(IEnumerable<SchemeProblem> problems, string language)
    {
        var refused = _errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in problems.Where(p => !refused.Contains(p.Field)))
            Add(problem.Field, problem.Formula?.MessageIn(language) ?? problem.Message);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
            throw new ValidationFailedException([.. _errors]);
    }
}

/// <summary>The roles a scheme may apply to (identity's role names), with their names in Russian and English.</summary>
internal static class RoleNames
{
    private static readonly Dictionary<string, (string Ru, string En)> Names = new(StringComparer.Ordinal)
    {
        ["SalesManager"] = ("Менеджер по продажам", "Sales manager"),
        ["Director"] = ("Руководитель", "Director"),
        ["Accountant"] = ("Бухгалтер", "Accountant"),
        ["WarehouseKeeper"] = ("Кладовщик", "Warehouse keeper"),
        ["Administrator"] = ("Администратор", "Administrator"),
        ["Auditor"] = ("Аудитор", "Auditor"),
    };

    public static IEnumerable<string> All => Names.Keys;

    public static bool Known(string role) => Names.ContainsKey(role);

    public static string Name(string role, string language) =>
        !Names.TryGetValue(role, out var name) ? role : language == "ru" ? name.Ru : name.En;
}
