using System.Collections.Immutable;
using CrmSuite.Kpi.Api.Facts;
using CrmSuite.Kpi.Api.Measures;

namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>One measure of a person's period: the fact (null where it has no value), the plan, the weight and the achievement in %.</summary>
public sealed record MeasureResult(string MeasureCode, decimal? Fact, decimal Plan, decimal Weight, decimal Achievement);

/// <summary>
/// A person's result for a period under one scheme version: what a close snapshots and a
/// recalculation compares. <see cref="Bonus"/> is null when the formula stopped (a division by
/// zero with this period's figures); <see cref="BonusError"/> then says where.
/// </summary>
public sealed record PersonResult(
    string UserId,
    string PersonName,
    string PeriodCode,
    Guid SchemeId,
    int SchemeVersion,
    string Formula,
    ImmutableArray<MeasureResult> Measures,
    decimal TotalAchievement,
    decimal BaseSalary,
    decimal? Bonus,
    FormulaError? BonusError = null);

/// <summary>
/// Achievement rules. For a measure where more is better it is fact ÷ plan × 100, where less is
/// better (deal cycle) plan ÷ fact × 100. A fact with no value achieves 0. Below the minimum
/// threshold the achievement counts 0; above the cap it counts the cap. Percentages are rounded
/// to two decimals, half away from zero.
/// </summary>
public static class Achievement
{
    public static decimal Of(Measure measure, SchemeMeasure line, decimal? fact)
    {
        if (fact is not { } value)
            return 0m;
        decimal raw;
        if (!measure.LowerIsBetter)
            raw = value * 100m / line.Plan;
        else if (value <= 0)
            // A zero-day cycle cannot be beaten: it achieves the cap, or the plan without one.
            raw = line.CapPercent ?? 100m;
        else
            raw = line.Plan * 100m / value;
        if (raw < line.MinimumPercent)
            return 0m;
        if (line.CapPercent is { } cap && raw > cap)
            raw = cap;
        return Math.Round(raw, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Σ(achievement × weight) ÷ Σ weight, in %.</summary>
    public static decimal WeightedTotal(IEnumerable<MeasureResult> measures)
    {
        var list = measures.ToList();
        var weights = list.Sum(m => m.Weight);
        return weights == 0 ? 0m : Math.Round(list.Sum(m => m.Achievement * m.Weight) / weights, 2, MidpointRounding.AwayFromZero);
    }
}

/// <summary>Computes a person's period result from the daily projection under one scheme version.</summary>
public static class PeriodCalculator
{
    public static PersonResult Calculate(
        SchemeVersion scheme, KpiPeriod period, string userId, string personName, decimal baseSalary, IEnumerable<DailyFigure> figures)
    {
        if (period.Kind != scheme.PeriodKind)
            throw new ArgumentException($"The scheme counts by {scheme.PeriodKind}, the period is a {period.Kind}.", nameof(period));

        var totals = FigureTotals.Of(figures, period.Filter(userId: userId));
        var measures = scheme.Measures.Select(line =>
        {
            var measure = MeasureCatalogue.Find(line.MeasureCode)
                ?? throw new InvalidOperationException($"Scheme {scheme.SchemeId} v{scheme.Version} names an unknown measure '{line.MeasureCode}'.");
            var fact = measure.Compute(totals);
            return new MeasureResult(line.MeasureCode, fact, line.Plan, line.Weight, Achievement.Of(measure, line, fact));
        }).ToImmutableArray();
        var total = Achievement.WeightedTotal(measures);

        var variables = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [SchemeVariables.TotalAchievement] = total,
            [SchemeVariables.BaseSalary] = baseSalary,
        };
        foreach (var m in measures)
        {
            variables[SchemeVariables.Fact(m.MeasureCode)] = m.Fact ?? 0m;
            variables[SchemeVariables.Plan(m.MeasureCode)] = m.Plan;
            variables[SchemeVariables.Achievement(m.MeasureCode)] = m.Achievement;
        }
        var bonus = BonusFormula.Evaluate(scheme.Formula, variables);

        return new PersonResult(userId, personName, period.Code, scheme.SchemeId, scheme.Version, scheme.Formula, measures, total, baseSalary, bonus.Value, bonus.Error);
    }
}
