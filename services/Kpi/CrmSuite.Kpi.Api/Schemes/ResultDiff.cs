namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>Which figure of a period result changed.</summary>
public enum ResultField
{
    SchemeVersion,
    Fact,
    Plan,
    Weight,
    Achievement,
    TotalAchievement,
    BaseSalary,
    Bonus,
}

/// <summary>One figure that differs between a closed result and a recalculation; <see cref="MeasureCode"/> for a measure's figures.</summary>
public sealed record ResultChange(ResultField Field, string? MeasureCode, decimal? Before, decimal? After)
{
    /// <summary>After − before; null where either side has no value.</summary>
    public decimal? Delta => After - Before;
}

/// <summary>
/// Compares a person's closed period result with a recalculated one: what changed and by how
/// much, in the order a person reads the result (scheme version, measures, totals, bonus). No
/// changes: the period does not need recalculation for this person.
/// </summary>
public static class ResultDiff
{
    public static IReadOnlyList<ResultChange> Between(PersonResult before, PersonResult after)
    {
        if (before.UserId != after.UserId || before.PeriodCode != after.PeriodCode)
            throw new ArgumentException("Only results of the same person and period compare.", nameof(after));

        var changes = new List<ResultChange>();
        Compare(changes, ResultField.SchemeVersion, null, before.SchemeVersion, after.SchemeVersion);
        var beforeMeasures = before.Measures.ToDictionary(m => m.MeasureCode, StringComparer.Ordinal);
        var afterMeasures = after.Measures.ToDictionary(m => m.MeasureCode, StringComparer.Ordinal);
        var codes = before.Measures.Select(m => m.MeasureCode).Concat(after.Measures.Select(m => m.MeasureCode)).Distinct(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var b = beforeMeasures.GetValueOrDefault(code);
            var a = afterMeasures.GetValueOrDefault(code);
            Compare(changes, ResultField.Fact, code, b?.Fact, a?.Fact);
            Compare(changes, ResultField.Plan, code, b?.Plan, a?.Plan);
            Compare(changes, ResultField.Weight, code, b?.Weight, a?.Weight);
            Compare(changes, ResultField.Achievement, code, b?.Achievement, a?.Achievement);
        }
        Compare(changes, ResultField.TotalAchievement, null, before.TotalAchievement, after.TotalAchievement);
        Compare(changes, ResultField.BaseSalary, null, before.BaseSalary, after.BaseSalary);
        Compare(changes, ResultField.Bonus, null, before.Bonus, after.Bonus);
        return changes;
    }

    public static bool NeedsRecalculation(PersonResult closed, PersonResult recalculated) => Between(closed, recalculated).Count > 0;

    private static void Compare(List<ResultChange> changes, ResultField field, string? code, decimal? before, decimal? after)
    {
        if (before != after)
            changes.Add(new ResultChange(field, code, before, after));
    }
}
