using CrmSuite.BuildingBlocks.Security;

namespace CrmSuite.Identity.Users;

/// <summary>
/// The fixed roles and what each may do. Client visibility: a manager sees own clients (and those
/// shared with them), a team head also the team's, Director and Administrator all. The calendar
/// does not follow client visibility: only scheduling.all (Director, Administrator) sees every
/// person's items, so an Accountant who sees all clients sees only their own calendar.
/// </summary>
public static class RoleCatalog
{
    public const string Administrator = "Administrator";
    public const string Director = "Director";
    public const string SalesManager = "SalesManager";
    public const string WarehouseKeeper = "WarehouseKeeper";
    public const string Accountant = "Accountant";
    public const string Auditor = "Auditor";

    public sealed record RoleDefinition(string Name, IReadOnlyList<string> Permissions, string ClientVisibility);

    public static readonly IReadOnlyList<RoleDefinition> Roles =
    [
        new(Administrator, Permissions.All, BuildingBlocks.Security.ClientVisibility.All),
        new(Director, [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.ClientsExport, Permissions.ClientsConfigure, Permissions.WarehouseRead,
            Permissions.DocumentsRead, Permissions.KpiRead, Permissions.KpiConfigure, Permissions.KpiBonus, Permissions.AuditAlertsRead, Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.SchedulingAll, Permissions.ProcessesDesign], BuildingBlocks.Security.ClientVisibility.All),
        new(SalesManager, [Permissions.ClientsRead, Permissions.ClientsWrite, Permissions.DocumentsRead, Permissions.DocumentsWrite, Permissions.KpiRead,
            Permissions.WarehouseRead, Permissions.WarehouseReserve, Permissions.SchedulingRead, Permissions.SchedulingWrite], BuildingBlocks.Security.ClientVisibility.Own),
        new(WarehouseKeeper, [Permissions.WarehouseRead, Permissions.WarehouseWrite, Permissions.WarehouseReserve, Permissions.WarehouseCatalog,
            Permissions.SchedulingRead, Permissions.SchedulingWrite], BuildingBlocks.Security.ClientVisibility.Own),
        new(Accountant, [Permissions.ClientsRead, Permissions.DocumentsRead, Permissions.DocumentsWrite, Permissions.KpiRead, Permissions.KpiBonus,
            Permissions.WarehouseRead, Permissions.SchedulingRead, Permissions.SchedulingWrite], BuildingBlocks.Security.ClientVisibility.All),
        new(Auditor, [Permissions.AuditRead, Permissions.AuditAlertsRead], BuildingBlocks.Security.ClientVisibility.Own),
    ];

    public static RoleDefinition? Find(string name) => Roles.FirstOrDefault(r => r.Name == name);

    public static IReadOnlyList<string> PermissionsOf(IEnumerable<string> roles) =>
        roles.Select(Find).OfType<RoleDefinition>().SelectMany(r => r.Permissions).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The widest visibility any of the roles gives; heading a team widens "own" to "team".</summary>
    public static string VisibilityOf(IEnumerable<string> roles, bool headsATeam)
    {
        var visibilities = roles.Select(Find).OfType<RoleDefinition>().Select(r => r.ClientVisibility).ToList();
        if (visibilities.Contains(BuildingBlocks.Security.ClientVisibility.All))
        {
            return BuildingBlocks.Security.ClientVisibility.All;
        }
        return headsATeam || visibilities.Contains(BuildingBlocks.Security.ClientVisibility.Team)
            ? BuildingBlocks.Security.ClientVisibility.Team
            : BuildingBlocks.Security.ClientVisibility.Own;
    }
}
