using CrmSuite.Kpi.Api.Facts;

namespace CrmSuite.Kpi.Api.Measures;

/// <summary>What a measure's value is: shown as a number, an amount of money, a percentage or a number of days.</summary>
public enum MeasureUnit
{
    Count,
    Money,
    Percent,
    Days,
}

/// <summary>
/// One measure of the catalogue: a stable code (used in schemes and in formula variables such as
/// <c>fact_calls_made</c>), its names for people in Russian and English, its unit and how it is
/// computed from the daily projection.
/// </summary>
/// <param name="Code">Stable, lower-case snake case; never renamed once schemes use it.</param>
/// <param name="NameEn">The name people see in English.</param>
/// <param name="NameRu">The name people see in Russian.</param>
/// <param name="Unit">How the value is shown.</param>
/// <param name="LowerIsBetter">True where less is better (a shorter deal cycle): the achievement is plan ÷ fact, not fact ÷ plan.</param>
/// <param name="ByPipeline">True where the measure is made of deal facts, so a pipeline filter narrows it.</param>
/// <param name="Kinds">The fact kinds the value is made of (the figures behind it, for drilling down).</param>
/// <param name="Compute">The value over summed facts; null where it has no value (a ratio with nothing to divide by).</param>
public sealed record Measure(
    string Code,
    string NameEn,
    string NameRu,
    MeasureUnit Unit,
    bool LowerIsBetter,
    bool ByPipeline,
    IReadOnlyList<string> Kinds,
    Func<FigureTotals, decimal?> Compute)
{
    /// <summary>The name in the person's language ("ru" or anything else for English).</summary>
    public string Name(string language) => language.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? NameRu : NameEn;

    /// <summary>The measure over the rows the filter keeps.</summary>
    public decimal? ComputeOver(IEnumerable<DailyFigure> figures, FigureFilter filter) => Compute(FigureTotals.Of(figures, filter));
}
