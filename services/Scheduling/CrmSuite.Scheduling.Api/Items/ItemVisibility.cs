using System.Linq.Expressions;
using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>
/// Which items the caller sees and may change. Seeing: a person the items they own, are assigned
/// to, watch or take part in; a team head also the items of the teams they head; only a holder of
/// scheduling.all (directors, administrators) every item. It deliberately does not follow the
/// clients' visibility claim: an accountant sees every client but not every manager's calendar, and
/// an integration sees the items it created unless it was granted scheduling.all. An item outside
/// it is answered as "not found", so its existence does not leak.
/// </summary>
public sealed record ItemVisibility(string Scope, string UserId, IReadOnlyList<string> HeadedTeams)
{
    /// <summary>What the caller may change of an item they see.</summary>
    public enum Change
    {
        /// <summary>A watcher or participant: nothing.</summary>
        Nothing,
        /// <summary>The assignee: the status (open, in progress), the checklist and completing it.</summary>
        Progress,
        /// <summary>The owner, the head of the item's team, a director: everything.</summary>
        Everything,
    }

    public static ItemVisibility Of(ClaimsPrincipal user)
    {
        var id = user.UserId();
        if (string.IsNullOrEmpty(id))
        {
            // Never let a token without a subject match items that have no assignee.
            return new ItemVisibility(ClientVisibility.Own, "\u0000no-subject", []);
        }
        if (user.HasPermission(Permissions.SchedulingAll))
        {
            return new ItemVisibility(ClientVisibility.All, id, []);
        }
        var headed = user.FindAll(CrmClaims.TeamHead).Select(c => c.Value).ToList();
        return headed.Count > 0 ? new ItemVisibility(ClientVisibility.Team, id, headed) : new ItemVisibility(ClientVisibility.Own, id, []);
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

    /// <summary>
    /// As in a commercial CRM: the one who planned it (or their team head, or a director) decides
    /// what, when and who; the assignee reports progress; watchers and participants only look.
    /// </summary>
    public Change MayChange(ScheduledItem item) =>
        Scope == ClientVisibility.All || item.OwnerUserId == UserId || (item.TeamId is { } team && HeadedTeams.Contains(team))
            ? Change.Everything
            : item.AssigneeUserId == UserId ? Change.Progress : Change.Nothing;
}
