using CrmSuite.Kpi.Api.Facts;

namespace CrmSuite.Kpi.Api.Measures;

/// <summary>
/// Which rows of the daily projection a measure looks at: the days of a period (both ends
/// included, company time zone) and, optionally, one pipeline, one team and one person.
/// </summary>
/// <param name="From">The first day counted.</param>
/// <param name="To">The last day counted.</param>
/// <param name="PipelineId">Narrows deal facts to one pipeline. Facts that have no pipeline (calls, meetings,
/// tasks, leads, invoices, shipments) are not narrowed: they belong to no pipeline, so they keep counting.</param>
/// <param name="TeamId">Only the rows counted for this team (the person's team when the fact arrived).</param>
/// <param name="UserId">Only this person's rows.</param>
public sealed record FigureFilter(DateOnly From, DateOnly To, string? PipelineId = null, string? TeamId = null, string? UserId = null)
{
    public bool Keeps(DailyFigure row) =>
        row.Day >= From && row.Day <= To
        && (PipelineId is null || row.PipelineId is null || string.Equals(row.PipelineId, PipelineId, StringComparison.Ordinal))
        && (TeamId is null || string.Equals(row.TeamId, TeamId, StringComparison.Ordinal))
        && (UserId is null || string.Equals(row.UserId, UserId, StringComparison.Ordinal));
}

/// <summary>One kind of fact summed over the rows a filter keeps.</summary>
public readonly record struct FactSum(int Count, decimal Amount, decimal Days)
{
    public static FactSum operator +(FactSum a, FactSum b) => new(a.Count + b.Count, a.Amount + b.Amount, a.Days + b.Days);
}

/// <summary>The facts of each kind summed over the rows a filter keeps; a kind with no rows sums to zero.</summary>
public sealed class FigureTotals
{
    private readonly Dictionary<string, FactSum> _sums;

    private FigureTotals(Dictionary<string, FactSum> sums) => _sums = sums;

    public static FigureTotals Of(IEnumerable<DailyFigure> figures, FigureFilter filter)
    {
        var sums = new Dictionary<string, FactSum>(StringComparer.Ordinal);
        foreach (var row in figures.Where(filter.Keeps))
            sums[row.Kind] = sums.GetValueOrDefault(row.Kind) + new FactSum(row.Count, row.Amount, row.Days);
        return new FigureTotals(sums);
    }

    public FactSum this[string kind] => _sums.GetValueOrDefault(kind);

    public int Count(string kind) => this[kind].Count;

    public decimal Amount(string kind) => this[kind].Amount;

    public decimal Days(string kind) => this[kind].Days;
}
