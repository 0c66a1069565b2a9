using System.Security.Claims;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Identity.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CrmSuite.Gateway.UI.Common;

/// <summary>
/// Turns the user ids other services answer with (created_by, posted_by) into names, once per
/// circuit: the signed-in user is known from the session; others only to those who may read the
/// user list (users.manage). Anyone else sees the id, which is what the service gives them.
/// </summary>
public sealed class PersonDirectory(Administration.AdministrationClient administration, IAuthorizationService authorization)
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);

    public async Task<string> NameOfAsync(string userId, ClaimsPrincipal viewer)
    {
        if (userId.Length == 0)
        {
            return "";
        }

        if (viewer.FindFirst("sub")?.Value == userId)
        {
            return viewer.DisplayName();
        }

        if (names.TryGetValue(userId, out var known))
        {
            return known;
        }

        var name = userId;
        if ((await authorization.AuthorizeAsync(viewer, Permissions.UsersManage)).Succeeded)
        {
            try
            {
                var user = await administration.GetUserAsync(new GetUserRequest { Id = userId });
                name = user.DisplayName.Length > 0 ? user.DisplayName : user.UserName;
            }
            catch (RpcException)
            {
                // An integration or a removed user: the id is all there is to show.
            }
        }

        names[userId] = name;
        return name;
    }
}
