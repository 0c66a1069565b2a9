using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.People;

/// <summary>A person as the KPI's answers show them: name, roles, teams (with names).</summary>
public sealed record PersonInfo(string UserId, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> TeamIds, IReadOnlyList<string> HeadOfTeamIds,
    bool Disabled, string TeamName);

/// <summary>
/// Names and teams for the people in an answer, in two queries. Someone identity has not told
/// the KPI about yet (no snapshot arrived) is named by their id rather than left out.
/// </summary>
public sealed class PersonDirectory(KpiDbContext db)
{
    public async Task<IReadOnlyDictionary<string, PersonInfo>> FindAsync(IEnumerable<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Where(u => !string.IsNullOrEmpty(u)).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToListAsync(ct);
        var teamIds = people.SelectMany(p => p.TeamIds).Distinct().ToList();
        var teamNames = await TeamNamesAsync(teamIds, ct);
        var known = people.ToDictionary(p => p.UserId, p => Info(p, teamNames));
        return ids.ToDictionary(id => id, id => known.GetValueOrDefault(id) ?? new PersonInfo(id, id, [], [], [], false, string.Empty));
    }

    /// <summary>Everyone identity has told about who is not disabled.</summary>
    public async Task<IReadOnlyList<PersonInfo>> ActiveAsync(CancellationToken ct)
    {
        var people = await db.People.AsNoTracking().Where(p => !p.Disabled).OrderBy(p => p.DisplayName).ToListAsync(ct);
        var teamNames = await TeamNamesAsync(people.SelectMany(p => p.TeamIds).Distinct().ToList(), ct);
        return [.. people.Select(p => Info(p, teamNames))];
    }

    public async Task<IReadOnlyDictionary<string, string>> TeamNamesAsync(IReadOnlyCollection<string> teamIds, CancellationToken ct) =>
        await db.TeamNames.AsNoTracking().Where(t => teamIds.Contains(t.TeamId)).ToDictionaryAsync(t => t.TeamId, t => t.Name, ct);

    private static PersonInfo Info(Person p, IReadOnlyDictionary<string, string> teamNames) =>
        new(p.UserId, p.DisplayName.Length > 0 ? p.DisplayName : p.UserId, p.Roles, p.TeamIds, p.HeadOfTeamIds, p.Disabled,
            string.Join(", ", p.TeamIds.Select(t => teamNames.GetValueOrDefault(t)).OfType<string>()));
}
