using System.Linq.Expressions;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>
/// Which leads the caller sees, by the same scopes as companies: a manager the leads assigned to
/// them, a team head also the teams they head, a director all of them. A lead nobody is
/// responsible for yet is seen only by those who see everything.
/// </summary>
public static class LeadVisibility
{
    public static Expression<Func<Lead, bool>> LeadFilter(this Visibility visibility)
    {
        var userId = visibility.UserId;
        var teams = visibility.HeadedTeams.ToList();
        return visibility.Scope switch
        {
            ClientVisibility.All => l => true,
            ClientVisibility.Team => l => l.OwnerUserId == userId || (l.TeamId != null && teams.Contains(l.TeamId)),
            _ => l => l.OwnerUserId == userId,
        };
    }
}
