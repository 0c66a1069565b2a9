using CrmSuite.Identity.Contracts;

namespace CrmSuite.Gateway.UI.Admin;

/// <summary>The roles and teams the administration forms offer to choose from.</summary>
public sealed record AdminCatalog(IReadOnlyList<Role> Roles, IReadOnlyList<Team> Teams)
{
    // A small business has up to ~100 staff; the cap only stops a runaway loop.
    private const int MaxUsers = 5_000;

    public static async Task<AdminCatalog> LoadAsync(Administration.AdministrationClient api)
    {
        var roles = api.ListRolesAsync(new ListRolesRequest()).ResponseAsync;
        var teams = api.ListTeamsAsync(new ListTeamsRequest()).ResponseAsync;
        return new AdminCatalog((await roles).Roles, (await teams).Teams);
    }

    /// <summary>
    /// Every data permission some role grants: what an integration client may be given (identity
    /// refuses the administrative ones, so the form does not offer them).
    /// </summary>
    public IReadOnlyList<string> Permissions =>
        Roles.SelectMany(role => role.Permissions).Where(permission => !Security.Permissions.Administrative.Contains(permission))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>All users, page by page: teams pick their head and members from them.</summary>
    public static async Task<IReadOnlyList<User>> ListAllUsersAsync(Administration.AdministrationClient api)
    {
        var users = new List<User>();
        var token = "";
        do
        {
            var page = await api.ListUsersAsync(new ListUsersRequest { PageSize = 200, PageToken = token });
            users.AddRange(page.Users);
            token = page.NextPageToken;
        }
        while (token.Length > 0 && users.Count < MaxUsers);

        return users;
    }
}
