using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.BuildingBlocks.Web;
using CrmSuite.Identity.Audit;
using CrmSuite.Identity.Contracts;
using CrmSuite.Identity.Users;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Permissions = CrmSuite.BuildingBlocks.Security.Permissions;

namespace CrmSuite.Identity.Administration;

/// <summary>What people call for themselves: the people directory (clients.read), their own profile and language, a refused page.</summary>
public sealed partial class AdministrationService
{
    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<ListPeopleResponse> ListPeople(ListPeopleRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var query = db.Users.AsNoTracking().Where(u => !u.Disabled);
        if (request.Query.Trim() is { Length: > 0 } text)
        {
            var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, "%" + escaped + "%") || EF.Functions.ILike(u.UserName!, escaped + "%"));
        }
        var people = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.UserName).Take(pageSize)
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(context.CancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var memberships = await db.TeamMembers.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(context.CancellationToken);
        var response = new ListPeopleResponse();
        response.People.AddRange(people.Select(p => new Person
        {
            Id = p.Id,
            DisplayName = p.DisplayName.Length > 0 ? p.DisplayName : p.UserName ?? string.Empty,
            UserName = p.UserName ?? string.Empty,
            TeamIds = { memberships.Where(m => m.UserId == p.Id).Select(m => m.TeamId.ToString()) },
        }));
        response.Teams.AddRange(await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TeamName { Id = t.Id.ToString(), Name = t.Name }).ToListAsync(context.CancellationToken));
        return response;
    }

    public override async Task<Profile> GetMyProfile(GetMyProfileRequest request, ServerCallContext context) =>
        await ProfileAsync(await CurrentUserAsync(context));

    public override async Task<Profile> SetMyLanguage(SetMyLanguageRequest request, ServerCallContext context)
    {
        if (!CrmWeb.Languages.Contains(request.Language))
        {
            throw new ValidationFailedException("language", "Language must be ru or en.");
        }
        var user = await CurrentUserAsync(context);
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        var before = new { user.Language };
        user.Language = request.Language;
        Check(await users.UpdateAsync(user));
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.UserLanguageChanged, IdentityActions.UserEntity, user.Id,
            before, new { user.Language });
        await db.PersonChangedAsync(user, DateTimeOffset.UtcNow, context.CancellationToken);
        await audit.CommitAsync(transaction, context.CancellationToken);
        return await ProfileAsync(user);
    }

    public override async Task<RecordRefusedPageResponse> RecordRefusedPage(RecordRefusedPageRequest request, ServerCallContext context)
    {
        var page = request.Page.Trim();
        if (page.Length == 0)
        {
            throw new ValidationFailedException("page", "Page is required.");
        }
        if (page.Length > 500 || page.Any(char.IsControl))
        {
            throw new ValidationFailedException("page", "Page must be at most 500 characters without control characters.");
        }
        await using var transaction = await audit.BeginAsync(context.CancellationToken);
        audit.RecordByCaller(context.GetHttpContext(), IdentityActions.PageRefused, IdentityActions.PageEntity, "/" + page.TrimStart('/'),
            details: new { page = "/" + page.TrimStart('/') });
        await audit.CommitAsync(transaction, context.CancellationToken);
        return new RecordRefusedPageResponse();
    }

    private async Task<CrmUser> CurrentUserAsync(ServerCallContext context) =>
        await users.FindByIdAsync(context.GetHttpContext().User.UserId() ?? string.Empty)
        ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "Only a signed-in user has a profile."));

    private async Task<Profile> ProfileAsync(CrmUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return new Profile
        {
            Id = user.Id,
            UserName = user.UserName ?? string.Empty,
            DisplayName = user.DisplayName,
            Roles = { roles },
            Permissions = { RoleCatalog.PermissionsOf(roles) },
            Language = user.Language,
        };
    }
}
