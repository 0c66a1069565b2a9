namespace CrmSuite.Kpi.Contracts.Events;

/// <summary>
/// A KPI period was closed: every person's result (measures, achievement, bonus and the scheme
/// version used) is kept as the period's version 1, never changed. Payroll can take the bonuses from here.
/// </summary>
/// <param name="Period">"2026-03" or "2026-Q1".</param>
/// <param name="People">How many people have a result in the version.</param>
/// <param name="BonusTotal">The bonuses of the version summed (a bonus the formula could not compute counts 0).</param>
public sealed record PeriodClosed(string Period, int Version, int People, decimal BonusTotal, string ClosedBy, string ClosedByName, DateTimeOffset OccurredAt)
{
    public const string Topic = "kpi.period-closed";
}

/// <summary>
/// A closed KPI period was recalculated (facts arrived after the close, or on demand): a new
/// version with the differences from the previous one; the period is closed again.
/// </summary>
/// <param name="PeopleChanged">How many people's results differ from the previous version.</param>
public sealed record PeriodRecalculated(string Period, int Version, int People, decimal BonusTotal, int PeopleChanged, string RecalculatedBy,
    string RecalculatedByName, DateTimeOffset OccurredAt)
{
    public const string Topic = "kpi.period-recalculated";
}
