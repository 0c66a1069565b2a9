using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Kpi.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.People;

/// <summary>
/// Applies identity's person snapshots inside the inbox's transaction (once per event). The newest
/// snapshot wins: identity's migrate step replays every account, so an old snapshot may arrive
/// after a newer one and must change nothing. A list the event does not carry (an event from
/// before it was added) keeps what is known.
/// </summary>
internal static class PersonEventHandler
{
    private const int MaxId = 100;

    public static async Task<InboxOutcome> HandleAsync(PersonChangedEvent e, KpiDbContext db, IServiceProvider services, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(e.UserId) || e.UserId.Length > MaxId)
        {
            return InboxOutcome.Drop;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var person = await db.People.FirstOrDefaultAsync(p => p.UserId == e.UserId, ct);
        if (person is not null && person.ChangedAt > e.OccurredAt)
        {
            return InboxOutcome.Success;
        }
        if (person is null)
        {
            person = new Person { UserId = e.UserId };
            db.People.Add(person);
        }
        person.DisplayName = e.DisplayName.Length > 200 ? e.DisplayName[..200] : e.DisplayName;
        person.Disabled = e.Disabled;
        person.Roles = e.Roles is { } roles ? Ids(roles) : person.Roles;
        person.TeamIds = e.TeamIds is { } teams ? Ids(teams) : person.TeamIds;
        person.HeadOfTeamIds = e.HeadOfTeamIds is { } heads ? Ids(heads) : person.HeadOfTeamIds;
        person.ChangedAt = e.OccurredAt;
        person.UpdatedAt = now;
        foreach (var (teamId, name) in e.TeamNames ?? new Dictionary<string, string>())
        {
            if (teamId.Length is 0 or > MaxId || string.IsNullOrWhiteSpace(name))
            {
                continue;
            }
            var team = await db.TeamNames.FirstOrDefaultAsync(t => t.TeamId == teamId, ct);
            if (team is null)
            {
                db.TeamNames.Add(new TeamName { TeamId = teamId, Name = name, ChangedAt = e.OccurredAt });
            }
            else if (team.ChangedAt <= e.OccurredAt)
            {
                (team.Name, team.ChangedAt) = (name, e.OccurredAt);
            }
        }
        return InboxOutcome.Success;
    }

    private static List<string> Ids(IEnumerable<string> ids) =>
        [.. ids.Where(id => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxId).Distinct().Order(StringComparer.Ordinal)];
}
