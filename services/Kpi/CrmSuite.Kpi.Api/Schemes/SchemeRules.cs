using System.Globalization;
using CrmSuite.Kpi.Api.Measures;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>
/// The names a bonus formula may use for a scheme: per measure <c>fact_&lt;code&gt;</c> (the
/// period's value, 0 where it has none), <c>plan_&lt;code&gt;</c> and <c>ach_&lt;code&gt;</c> (achievement
/// in %, after threshold and cap); then <c>total_ach</c> (weighted total achievement in %) and
/// <c>base_salary</c>.
/// </summary>
public static class SchemeVariables
{
    public const string TotalAchievement = "total_ach";
    public const string BaseSalary = "base_salary";

    public static string Fact(string code) => "fact_" + code;

    public static string Plan(string code) => "plan_" + code;

    public static string Achievement(string code) => "ach_" + code;

    public static IReadOnlyList<string> For(IEnumerable<SchemeMeasure> measures) =>
    [
        .. measures.SelectMany(m => new[] { Fact(m.MeasureCode), Plan(m.MeasureCode), Achievement(m.MeasureCode) }),
        TotalAchievement,
        BaseSalary,
    ];
}

/// <summary>What a scheme draft must satisfy to be saved; each problem names its field.</summary>
public static class SchemeRules
{
    public const int MaxNameLength = 200;

    public static IReadOnlyList<SchemeProblem> Check(SchemeDraft draft)
    {
        var problems = new List<SchemeProblem>();
        if (string.IsNullOrWhiteSpace(draft.Name))
            problems.Add(new("name", "A scheme needs a name."));
        else if (draft.Name.Trim().Length > MaxNameLength)
            problems.Add(new("name", $"A scheme's name is at most {MaxNameLength} characters."));
        if (string.IsNullOrWhiteSpace(draft.Target.Id))
            problems.Add(new("target.id", $"Choose the {draft.Target.Kind.ToString().ToLowerInvariant()} the scheme applies to."));
        if (draft.Measures.Count == 0)
            problems.Add(new("measures", "A scheme needs at least one measure."));
        if (draft.BaseSalary < 0)
            problems.Add(new("base_salary", "A base salary is 0 or more."));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < draft.Measures.Count; i++)
        {
            var line = draft.Measures[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"measures[{i}]");
            if (MeasureCatalogue.Find(line.MeasureCode) is null)
                problems.Add(new($"{field}.measure_code", $"There is no measure '{line.MeasureCode}'."));
            else if (!seen.Add(line.MeasureCode))
                problems.Add(new($"{field}.measure_code", $"The measure '{line.MeasureCode}' is already in the scheme."));
            if (line.Plan <= 0)
                problems.Add(new($"{field}.plan", "A plan is more than 0."));
            if (line.Weight <= 0)
                problems.Add(new($"{field}.weight", "A weight is more than 0."));
            if (line.MinimumPercent < 0)
                problems.Add(new($"{field}.minimum_percent", "A minimum threshold is 0 % or more."));
            if (line.CapPercent is { } cap && (cap <= 0 || cap < line.MinimumPercent))
                problems.Add(new($"{field}.cap_percent", "A cap is more than 0 % and not below the minimum threshold."));
        }

        foreach (var error in BonusFormula.Check(draft.Formula, SchemeVariables.For(draft.Measures)))
            problems.Add(new("formula", error.Message, error));
        return problems;
    }
}
