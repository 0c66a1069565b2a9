using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Contracts;
using CrmSuite.Identity.Users;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;
using Team = CrmSuite.Identity.Contracts.Team;
using TeamEntity = CrmSuite.Identity.Users.Team;

namespace CrmSuite.Identity.Administration;

/// <summary>Teams: a name, a head and members.</summary>
public sealed partial class AdministrationService
{
    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<ListTeamsResponse> ListTeams(ListTeamsRequest request, ServerCallContext context)
    {
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(context.CancellationToken);
        var response = new ListTeamsResponse();
        response.Teams.AddRange(teams.Select(ToMessage));
        return response;
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<Team> CreateTeam(CreateTeamRequest request, ServerCallContext context)
    {
        var team = new TeamEntity { Id = Guid.CreateVersion7() };
        await ApplyTeamAsync(team, null, request.Name, request.HeadUserId, request.MemberUserIds, context.CancellationToken);
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        db.Teams.Add(team);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.TeamCreated, IdentityActions.TeamEntity, team.Id.ToString(),
            after: Snapshot(team));
        await db.SaveChangesAsync(context.CancellationToken);
        await db.TeamChangedAsync(People(team), DateTimeOffset.UtcNow, context.CancellationToken);
        await audit.CommitAsync(transaction, context.CancellationToken);
        return ToMessage(team);
    }

    [Authorize(Policy = Permissions.UsersManage)]
    public override async Task<Team> UpdateTeam(UpdateTeamRequest request, ServerCallContext context)
    {
        var id = Guid.TryParse(request.Id, out var parsed) ? parsed : throw new ValidationFailedException("id", "Must be a team id.");
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, context.CancellationToken)
            ?? throw new RecordNotFoundException("Team", request.Id);
        var before = Snapshot(team);
        var touched = People(team);
        await ApplyTeamAsync(team, team.Id, request.Name, request.HeadUserId, request.MemberUserIds, context.CancellationToken);
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.TeamUpdated, IdentityActions.TeamEntity, team.Id.ToString(),
            before, Snapshot(team));
        await db.SaveChangesAsync(context.CancellationToken);
        // Other services learn who is in and who heads the team from the people's own events.
        await db.TeamChangedAsync(touched.Union(People(team)), DateTimeOffset.UtcNow, context.CancellationToken);
        await audit.CommitAsync(transaction, context.CancellationToken);
        return ToMessage(team);
    }

    private async Task ApplyTeamAsync(TeamEntity team, Guid? existingId, string name, string headUserId, IEnumerable<string> memberIds, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > TeamEntity.MaxNameLength)
        {
            errors.Add("name", $"A name of 1 to {TeamEntity.MaxNameLength} characters.");
        }
        else if (await db.Teams.AnyAsync(t => t.Name == trimmed && t.Id != existingId, cancellationToken))
        {
            errors.Add("name", "A team with this name exists.");
        }
        var members = memberIds.Distinct().ToList();
        var knownUsers = await db.Users.Where(u => members.Contains(u.Id) || u.Id == headUserId).Select(u => u.Id).ToListAsync(cancellationToken);
        if (!string.IsNullOrEmpty(headUserId) && !knownUsers.Contains(headUserId))
        {
            errors.Add("head_user_id", "The head must be an existing user.");
        }
        foreach (var missing in members.Except(knownUsers))
        {
            errors.Add("member_user_ids", $"User '{missing}' does not exist.");
        }
        errors.ThrowIfAny();
        team.Name = trimmed;
        team.HeadUserId = string.IsNullOrEmpty(headUserId) ? null : headUserId;
        team.Members.RemoveAll(m => !members.Contains(m.UserId));
        team.Members.AddRange(members.Where(m => team.Members.All(x => x.UserId != m)).Select(m => new TeamMember { TeamId = team.Id, UserId = m }));
    }

    /// <summary>The team's head and members: whose person-changed a change of the team alters.</summary>
    private static List<string> People(TeamEntity team) =>
        [.. team.Members.Select(m => m.UserId).Append(team.HeadUserId).OfType<string>().Distinct()];

    private static object Snapshot(TeamEntity team) => new
    {
        team.Name,
        team.HeadUserId,
        MemberUserIds = team.Members.Select(m => m.UserId).Order(StringComparer.Ordinal).ToList(),
    };

    private static Team ToMessage(TeamEntity team) => new()
    {
        Id = team.Id.ToString(),
        Name = team.Name,
        HeadUserId = team.HeadUserId ?? string.Empty,
        MemberUserIds = { team.Members.Select(m => m.UserId) },
    };
}
