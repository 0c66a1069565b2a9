using System.Linq.Expressions;
using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Processes.Storage;

namespace CrmSuite.Scheduling.Api.Processes.Api;

/// <summary>
/// Which instances a person sees, as items (Items/ItemVisibility.cs): those of records they are
/// responsible for, that they started, or whose tasks are theirs; a team head also their teams'
/// records'; scheduling.all or processes.design every instance. Others are answered "not found".
/// </summary>
internal sealed record ProcessVisibility(bool All, string UserId, IReadOnlyList<string> HeadedTeams)
{
    public static ProcessVisibility Of(ClaimsPrincipal user) =>
        user.UserId() is not { Length: > 0 } id ? new ProcessVisibility(false, "\u0000no-subject", [])
        : user.HasPermission(Permissions.SchedulingAll) || user.HasPermission(Permissions.ProcessesDesign) ? new ProcessVisibility(true, id, [])
        : new ProcessVisibility(false, id, [.. user.FindAll(CrmClaims.TeamHead).Select(c => c.Value)]);

    public Expression<Func<ProcessInstance, bool>> Filter(SchedulingDbContext db)
    {
        if (All)
        {
            return i => true;
        }
        var me = UserId;
        var teams = HeadedTeams.ToList();
        return i => i.RecordOwnerUserId == me || i.StartedByUserId == me || (i.RecordTeamId != null && teams.Contains(i.RecordTeamId))
            || db.ProcessTokens.Any(t => t.InstanceId == i.Id && t.TaskItemId != null && db.Items.Any(item => item.Id == t.TaskItemId && item.AssigneeUserId == me));
    }
}
