using System.Linq.Expressions;
using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>
/// Which items the caller sees, from the same token claims as the clients' visibility (own / team /
/// all): a person the items they own, are assigned to, watch or take part in; a team head also
/// the items of the teams they head; a director (visibility all) every item. An item outside it
/// is answered as "not found", so its existence does not leak.
/// </summary>
public sealed record ItemVisibility(string Scope, string UserId, IReadOnlyList<string> HeadedTeams)
{
    public static ItemVisibility Of(ClaimsPrincipal user)
    {
        var id = user.UserId();
        if (string.IsNullOrEmpty(id))
        {
            // Never let a token without a subject match items that have no assignee.
            return new ItemVisibility(ClientVisibility.Own, "\u0000no-subject", []);
        }
        return user.FindFirst(CrmClaims.ClientVisibility)?.Value switch
        {
            ClientVisibility.All => new ItemVisibility(ClientVisibility.All, id, []),
            ClientVisibility.Team => new ItemVisibility(ClientVisibility.Team, id, [.. user.FindAll(CrmClaims.TeamHead).Select(c => c.Value)]),
            _ => new ItemVisibility(ClientVisibility.Own, id, []),
        };
    }

    public Expression<Func<ScheduledItem, bool>> Filter()
    {
        var userId = UserId;
        var teams = HeadedTeams.ToList();
        return Scope switch
        {
            ClientVisibility.All => i => true,
            ClientVisibility.Team => i => i.OwnerUserId == userId || i.AssigneeUserId == userId || i.ParticipantUserIds.Contains(userId)
                || i.WatcherUserIds.Contains(userId) || (i.TeamId != null && teams.Contains(i.TeamId)),
            _ => i => i.OwnerUserId == userId || i.AssigneeUserId == userId || i.ParticipantUserIds.Contains(userId) || i.WatcherUserIds.Contains(userId),
        };
    }
}
