using System.Linq.Expressions;
using System.Security.Claims;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using Grpc.Core;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// Which companies the caller may see, from the claims identity put into the token: own (plus
/// shared with them), team (also the teams they head) or all. Checked in every query, server-side;
/// a company outside it is answered as "not found", so its existence does not leak.
/// </summary>
public sealed record Visibility(string Scope, string UserId, IReadOnlyList<string> HeadedTeams)
{
    public bool SeesAll => Scope == ClientVisibility.All;

    public bool CanAssign => Scope is ClientVisibility.All or ClientVisibility.Team;

    public static Visibility Of(ClaimsPrincipal user)
    {
        var scope = user.FindFirst(CrmClaims.ClientVisibility)?.Value;
        var id = user.UserId();
        if (string.IsNullOrEmpty(id))
        {
            // Never let a token without a subject match records that have no owner.
            return new Visibility(ClientVisibility.Own, "\u0000no-subject", []);
        }
        var headed = user.FindAll(CrmClaims.TeamHead).Select(c => c.Value).ToList();
        return scope switch
        {
            ClientVisibility.All => new Visibility(ClientVisibility.All, id, headed),
            ClientVisibility.Team => new Visibility(ClientVisibility.Team, id, headed),
            _ => new Visibility(ClientVisibility.Own, id, []),
        };
    }

    /// <summary>
    /// Checks a hand-over of records (companies, leads) to another manager: the fields, then the
    /// rule that a manager may not hand records around and a team head only within the teams they
    /// head. Returns the team (null for none).
    /// </summary>
    public string? AssignmentTeam(string ownerUserId, string teamId, string records)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(ownerUserId) || ownerUserId.Length > 100)
        {
            errors.Add("owner_user_id", "Choose the manager who becomes responsible.");
        }
        if (teamId.Length > 100)
        {
            errors.Add("team_id", "Must be a team id.");
        }
        errors.ThrowIfAny();
        var team = string.IsNullOrEmpty(teamId) ? null : teamId;
        if (!CanAssign || (!SeesAll && (team is null || !HeadedTeams.Contains(team))))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Only a team head (within the team) or a director may reassign {records}."));
        }
        return team;
    }

    /// <summary>
    /// <see cref="Filter"/> as a SQL condition on the companies row <paramref name="alias"/>, for
    /// the statements written in SQL; <paramref name="parameter"/> adds a parameter and returns its
    /// placeholder. Null when the caller sees every company.
    /// </summary>
    public string? SqlCondition(string alias, Func<object, string> parameter)
    {
        if (SeesAll)
        {
            return null;
        }
        var user = parameter(UserId);
        var teams = Scope == ClientVisibility.Team && HeadedTeams.Count > 0
            ? $" OR {alias}.team_id = ANY({parameter(HeadedTeams.ToArray())})"
            : string.Empty;
        return $"({alias}.owner_user_id = {user}{teams} OR EXISTS (SELECT 1 FROM company_shares s WHERE s.company_id = {alias}.id AND s.user_id = {user}))";
    }

    public Expression<Func<Company, bool>> Filter()
    {
        var userId = UserId;
        var teams = HeadedTeams.ToList();
        return Scope switch
        {
            ClientVisibility.All => c => true,
            ClientVisibility.Team => c => c.OwnerUserId == userId || (c.TeamId != null && teams.Contains(c.TeamId)) || c.Shares.Any(s => s.UserId == userId),
            _ => c => c.OwnerUserId == userId || c.Shares.Any(s => s.UserId == userId),
        };
    }
}
