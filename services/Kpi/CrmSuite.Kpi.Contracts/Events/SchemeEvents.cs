namespace CrmSuite.Kpi.Contracts.Events;

/// <summary>
/// A KPI scheme was saved as a new version (created as version 1 or revised): whom it applies to
/// (role, team or person), by month or quarter, and who saved it (display name). An unchanged
/// save publishes nothing.
/// </summary>
public sealed record SchemeSaved(Guid SchemeId, int Version, string Name, string TargetKind, string TargetId, string PeriodKind, string SavedBy,
    DateTimeOffset OccurredAt)
{
    public const string Topic = "kpi.scheme-saved";
}
