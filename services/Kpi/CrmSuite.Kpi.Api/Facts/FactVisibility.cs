using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;
using Grpc.Core;

namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// Whose figures and facts the caller sees, from the token as the clients service reads it: a
/// manager (client visibility own) their own, a team head also those of the teams they head,
/// directors (all) everyone. Asking for another person's or team's figures outside that is
/// refused (403) rather than answered empty, so a UI can say why.
/// </summary>
public sealed record FactVisibility(string Scope, string UserId, IReadOnlyList<string> HeadedTeams)
{
    public bool SeesAll => Scope == ClientVisibility.All;

    public static FactVisibility Of(ClaimsPrincipal user)
    {
        var id = user.UserId();
        if (string.IsNullOrEmpty(id))
        {
            return new FactVisibility(ClientVisibility.Own, "\u0000no-subject", []);
        }
        return user.FindFirst(CrmClaims.ClientVisibility)?.Value switch
        {
            ClientVisibility.All => new FactVisibility(ClientVisibility.All, id, []),
            ClientVisibility.Team => new FactVisibility(ClientVisibility.Team, id, user.FindAll(CrmClaims.TeamHead).Select(c => c.Value).ToList()),
            _ => new FactVisibility(ClientVisibility.Own, id, []),
        };
    }

    /// <summary>A 403 unless the caller sees the team's figures.</summary>
    public void CheckTeam(string teamId)
    {
        if (!SeesAll && !HeadedTeams.Contains(teamId))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only the team's head or a director sees a team's figures."));
        }
    }

    /// <summary>A 403 for a manager asking for anyone but themselves; a head's answer is filtered to their teams.</summary>
    public void CheckPeople(IEnumerable<string> userIds)
    {
        if (Scope == ClientVisibility.Own && userIds.Any(u => u != UserId))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "A manager sees only their own figures; a team head sees the team's, a director everyone's."));
        }
    }

    public IQueryable<DailyFigureRow> Filter(IQueryable<DailyFigureRow> rows)
    {
        var me = UserId;
        var teams = HeadedTeams.ToList();
        return Scope switch
        {
            ClientVisibility.All => rows,
            ClientVisibility.Team => rows.Where(r => r.UserId == me || teams.Contains(r.TeamId)),
            _ => rows.Where(r => r.UserId == me),
        };
    }

    public IQueryable<Fact> Filter(IQueryable<Fact> facts)
    {
        var me = UserId;
        var teams = HeadedTeams.ToList();
        return Scope switch
        {
            ClientVisibility.All => facts,
            ClientVisibility.Team => facts.Where(f => f.UserId == me || (f.TeamId != null && teams.Contains(f.TeamId))),
            _ => facts.Where(f => f.UserId == me),
        };
    }
}
