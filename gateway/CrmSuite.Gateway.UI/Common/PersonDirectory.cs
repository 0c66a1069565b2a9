using System.Security.Claims;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Identity.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace CrmSuite.Gateway.UI.Common;

/// <summary>
/// Turns the user ids other services answer with (created_by, posted_by, a company's manager) into
/// names, once per circuit, and lists the colleagues and teams the pickers offer. The signed-in
/// user is known from the session; colleagues come from identity's people directory (for those
/// who work with clients) or its user list (users.manage). Anyone else sees the id, which is what
/// the service gives them.
/// </summary>
public sealed class PersonDirectory(AdministrationApi administration, IAuthorizationService authorization, UiText texts)
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private ListPeopleResponse? directory;

    /// <summary>Colleagues (by display name) and teams, for pickers; empty for those who may not list them.</summary>
    public async Task<ListPeopleResponse> DirectoryAsync(ClaimsPrincipal viewer)
    {
        if (directory is not null)
        {
            return directory;
        }
        if (!(await authorization.AuthorizeAsync(viewer, Permissions.ClientsRead)).Succeeded)
        {
            return new ListPeopleResponse();
        }
        // Refused: pickers then offer nobody, and names stay ids; the page itself still works and says nothing of it.
        directory = await administration.ListPeopleAsync(PageSizeMax, new ErrorState());
        if (directory is null)
        {
            return new ListPeopleResponse();
        }
        foreach (var person in directory.People)
        {
            names.TryAdd(person.Id, person.DisplayName);
        }
        return directory;
    }

    /// <summary>A team's name, or its id for those who may not list teams.</summary>
    public async Task<string> TeamNameOfAsync(string teamId, ClaimsPrincipal viewer) =>
        (await DirectoryAsync(viewer)).Teams.FirstOrDefault(t => t.Id == teamId)?.Name ?? teamId;

    private const int PageSizeMax = 200;

    /// <summary>Identity's service accounts by client id (IdentitySetup.SchedulingClientId: the process engine's steps).</summary>
    private static readonly Dictionary<string, Text> ServiceAccounts = new(StringComparer.Ordinal)
    {
        ["crmsuite-scheduling"] = Texts.Processes.Title,
    };

    public async Task<string> NameOfAsync(string userId, ClaimsPrincipal viewer)
    {
        if (userId.Length == 0)
        {
            return "";
        }

        // The suite's own service accounts act with no person behind them: people read what they are.
        if (ServiceAccounts.TryGetValue(userId, out var account))
        {
            return texts[account];
        }

        if (viewer.FindFirst("sub")?.Value == userId)
        {
            return viewer.DisplayName();
        }

        if (names.TryGetValue(userId, out var known))
        {
            return known;
        }
        await DirectoryAsync(viewer);
        if (names.TryGetValue(userId, out known))
        {
            return known;
        }

        var name = userId;
        if ((await authorization.AuthorizeAsync(viewer, Permissions.UsersManage)).Succeeded)
        {
            // An integration or a removed user is not found: the id is all there is to show.
            if (await administration.GetUserAsync(userId, new ErrorState()) is { } user)
            {
                name = user.DisplayName.Length > 0 ? user.DisplayName : user.UserName;
            }
        }

        names[userId] = name;
        return name;
    }
}
