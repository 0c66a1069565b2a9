namespace CrmSuite.Kpi.Api.Schemes;

/// <summary>
/// Which scheme counts for a person in a period when several apply: one made for the person
/// beats one for their team, which beats one for their role (a director tunes one manager's plan
/// without copying the team's scheme). Among several of the same rank the one changed last wins.
/// </summary>
public static class SchemeSelection
{
    public static SchemeVersion? For(IEnumerable<SchemeVersion> schemes, PeriodKind kind, string userId, string? teamId, IReadOnlyCollection<string> roles) =>
        schemes
            .Where(s => s.PeriodKind == kind && Applies(s.Target, userId, teamId, roles))
            .OrderByDescending(s => s.Target.Kind)
            .ThenByDescending(s => s.CreatedAt)
            .FirstOrDefault();

    private static bool Applies(SchemeTarget target, string userId, string? teamId, IReadOnlyCollection<string> roles) => target.Kind switch
    {
        SchemeTargetKind.Person => target.Id == userId,
        SchemeTargetKind.Team => teamId is not null && target.Id == teamId,
        SchemeTargetKind.Role => roles.Contains(target.Id, StringComparer.Ordinal),
        _ => false,
    };
}
