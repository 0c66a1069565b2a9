namespace CrmSuite.Kpi.Api.Periods;

/// <summary>What a period is in: not closed (no row), closed, or closed with facts that arrived after its latest version.</summary>
public static class PeriodStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string NeedsRecalculation = "needs-recalculation";
}

/// <summary>
/// A closed period (table kpi_periods): its status and latest version. The only row of a period that
/// changes: a fact arriving for one of its days marks it needs-recalculation, a recalculation closes it again.
/// </summary>
public sealed class KpiPeriodRow
{
    /// <summary>"2026-03" or "2026-Q1".</summary>
    public string Period { get; set; } = string.Empty;
    /// <summary>The period's days (company time zone), for finding the closed periods a late fact falls in.</summary>
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    public string Status { get; set; } = PeriodStatus.Closed;
    /// <summary>The latest version (1 after the close).</summary>
    public int Version { get; set; }
    public DateTimeOffset ClosedAt { get; set; }
    public string ClosedById { get; set; } = string.Empty;
    public string ClosedBy { get; set; } = string.Empty;
    /// <summary>When a late fact last marked it needs-recalculation.</summary>
    public DateTimeOffset? MarkedAt { get; set; }
}

/// <summary>One version of a closed period (table period_versions): who made it, when and why. Never updated.</summary>
public sealed class PeriodVersionRow
{
    public string Period { get; set; } = string.Empty;
    public int Version { get; set; }
    /// <summary>"close" or "recalculation".</summary>
    public string Reason { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedById { get; set; } = string.Empty;
    public string CreatedBy { get; set; } = string.Empty;
    /// <summary>The people with figures but no scheme when the version was made, as JSON (<see cref="Results.UnschemedPerson"/>[]).</summary>
    public string WithoutScheme { get; set; } = "[]";
}

/// <summary>One person's result in one version of a period (table period_results): the snapshot as JSON. Never updated.</summary>
public sealed class PeriodResultRow
{
    public string Period { get; set; } = string.Empty;
    public int Version { get; set; }
    public string UserId { get; set; } = string.Empty;
    /// <summary>The result as JSON (<see cref="Results.PeriodPersonResult"/>).</summary>
    public string Result { get; set; } = "{}";
}

internal static class PeriodReasons
{
    public const string Close = "close";
    public const string Recalculation = "recalculation";
}
