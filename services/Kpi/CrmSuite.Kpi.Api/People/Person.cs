namespace CrmSuite.Kpi.Api.People;

/// <summary>
/// Who a person is, for naming them and choosing their KPI scheme: identity's latest
/// <c>identity.person-changed</c> snapshot (name, roles, teams and their names, teams headed,
/// disabled). Kept only from events; never edited here.
/// </summary>
public sealed class Person
{
    public string UserId { get; set; } = string.Empty;
    public string DisplayName { get; set; } = string.Empty;
    /// <summary>Role names (SalesManager, Director, …), sorted.</summary>
    public List<string> Roles { get; set; } = [];
    /// <summary>The teams the person is a member of, sorted; the first is the one their figures count for when a fact names none.</summary>
    public List<string> TeamIds { get; set; } = [];
    public List<string> HeadOfTeamIds { get; set; } = [];
    public bool Disabled { get; set; }
    /// <summary>When identity made the snapshot: an older one arriving later is ignored.</summary>
    public DateTimeOffset ChangedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A team's name as the latest snapshot of one of its members or heads told it.</summary>
public sealed class TeamName
{
    public string TeamId { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>identity.person-changed as the KPI reads it (its own record: the KPI depends on no producer's assembly).</summary>
internal sealed record PersonChangedEvent(string UserId, string DisplayName, bool Disabled, DateTimeOffset OccurredAt,
    IReadOnlyList<string>? TeamIds = null, IReadOnlyList<string>? HeadOfTeamIds = null, IReadOnlyList<string>? Roles = null,
    IReadOnlyDictionary<string, string>? TeamNames = null);
