using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Identity.Contracts.Events;
using CrmSuite.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Identity.Users;

/// <summary>
/// Queues <see cref="PersonChanged"/> in identitydb's outbox: it commits with the caller's next
/// SaveChanges, so with the change to the account it describes. The teams are read from the
/// database: call it after the membership change is saved (in the same transaction).
/// </summary>
public static class PersonEvents
{
    public static Task PersonChangedAsync(this IdentityDb db, CrmUser user, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.PeopleChangedAsync([user], at, cancellationToken);

    /// <summary>One event per person, their teams and roles read in a few queries for all of them.</summary>
    public static async Task PeopleChangedAsync(this IdentityDb db, IReadOnlyCollection<CrmUser> people, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ids = people.Select(p => p.Id).ToList();
        var members = (await db.TeamMembers.AsNoTracking().Where(m => ids.Contains(m.UserId)).Select(m => new { m.UserId, m.TeamId }).ToListAsync(cancellationToken))
            .ToLookup(m => m.UserId, m => m.TeamId.ToString());
        var heads = (await db.Teams.AsNoTracking().Where(t => t.HeadUserId != null && ids.Contains(t.HeadUserId)).Select(t => new { t.HeadUserId, t.Id }).ToListAsync(cancellationToken))
            .ToLookup(t => t.HeadUserId!, t => t.Id.ToString());
        var roles = (await (from userRole in db.UserRoles.AsNoTracking()
                            join role in db.Roles.AsNoTracking() on userRole.RoleId equals role.Id
                            where ids.Contains(userRole.UserId)
                            select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name ?? string.Empty);
        var teamIds = members.SelectMany(m => m).Concat(heads.SelectMany(h => h)).Select(Guid.Parse).Distinct().ToList();
        var teamNames = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id.ToString(), t => t.Name, cancellationToken);
        foreach (var user in people)
        {
            var memberOf = members[user.Id].Order(StringComparer.Ordinal).ToList();
            var headOf = heads[user.Id].Order(StringComparer.Ordinal).ToList();
            db.Enqueue(PersonChanged.Topic, new PersonChanged(user.Id, user.DisplayName, user.Email, user.Language, user.Disabled, at,
                memberOf, headOf, [.. roles[user.Id].Where(r => r.Length > 0).Order(StringComparer.Ordinal)],
                memberOf.Union(headOf).ToDictionary(t => t, t => teamNames.GetValueOrDefault(t, string.Empty), StringComparer.Ordinal)), at);
        }
    }

    /// <summary>Everyone a team change touches: its members and head before and after.</summary>
    public static async Task TeamChangedAsync(this IdentityDb db, IEnumerable<string> userIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync(cancellationToken);
        await db.PeopleChangedAsync(people, at, cancellationToken);
    }
}
