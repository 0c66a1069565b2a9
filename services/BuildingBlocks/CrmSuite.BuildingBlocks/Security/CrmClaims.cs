using System.Security.Claims;

namespace CrmSuite.BuildingBlocks.Security;

/// <summary>The claims identity puts into access tokens, read by every service.</summary>
public static class CrmClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>One claim per granted permission, e.g. clients.read.</summary>
    public const string Permission = "perm";
    /// <summary>Teams the user belongs to.</summary>
    public const string Team = "team";
    /// <summary>Teams the user heads.</summary>
    public const string TeamHead = "team_head";
    /// <summary>Which client records the bearer sees: own, team or all.</summary>
    public const string ClientVisibility = "client_visibility";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirst(Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    public static bool HasPermission(this ClaimsPrincipal user, string permission) =>
        user.HasClaim(Permission, permission);
}

/// <summary>The permission names. A new permission is added here and mapped to roles in identity.</summary>
public static class Permissions
{
    public const string ClientsRead = "clients.read";
    public const string ClientsWrite = "clients.write";
    public const string ClientsExport = "clients.export";
    /// <summary>Configure the client base: custom fields and sections, deal pipelines and stages, lead forms and assignment rules.</summary>
    public const string ClientsConfigure = "clients.configure";
    public const string AuditRead = "audit.read";
    /// <summary>See the audit alerts (bulk views/exports, warehouse flags) without reading the log itself.</summary>
    public const string AuditAlertsRead = "audit.alerts.read";
    public const string UsersManage = "users.manage";
    public const string WarehouseRead = "warehouse.read";
    public const string WarehouseWrite = "warehouse.write";
    /// <summary>Reserve stock for a deal and release it (sales managers).</summary>
    public const string WarehouseReserve = "warehouse.reserve";
    /// <summary>Maintain products, categories, warehouses, price lists and minimum stock.</summary>
    public const string WarehouseCatalog = "warehouse.catalog";
    public const string DocumentsRead = "documents.read";
    public const string DocumentsWrite = "documents.write";
    /// <summary>Maintain our own organisations' requisites (name, INN, bank, signatures) printed on documents.</summary>
    public const string DocumentsConfigure = "documents.configure";
    /// <summary>See KPI figures and the facts behind them: own, the team's (as head) or all, as client visibility says.</summary>
    public const string KpiRead = "kpi.read";
    /// <summary>Configure the KPI: schemes, plans and bonus formulas; rebuild the daily projection (directors).</summary>
    public const string KpiConfigure = "kpi.configure";
    /// <summary>See every person's KPI results and bonuses and export a period's bonus sheet (directors, accountants).</summary>
    public const string KpiBonus = "kpi.bonus";
    /// <summary>See the calendar: tasks, meetings and calls (own, the team's or all, as client visibility says).</summary>
    public const string SchedulingRead = "scheduling.read";
    /// <summary>Plan, change and complete tasks, meetings and calls.</summary>
    public const string SchedulingWrite = "scheduling.write";
    /// <summary>
    /// See and change every person's tasks, meetings and calls (directors, administrators). Without
    /// it a person sees their own and their team's (as head), whatever their client visibility.
    /// </summary>
    public const string SchedulingAll = "scheduling.all";
    /// <summary>Draw, publish and archive business processes: the company's own workflows (directors, administrators).</summary>
    public const string ProcessesDesign = "processes.design";

    public static readonly IReadOnlyList<string> All =
    [
        ClientsRead, ClientsWrite, ClientsExport, ClientsConfigure, AuditRead, AuditAlertsRead, UsersManage,
        WarehouseRead, WarehouseWrite, WarehouseReserve, WarehouseCatalog, DocumentsRead, DocumentsWrite, DocumentsConfigure, KpiRead, KpiConfigure,
        SchedulingRead, SchedulingWrite, SchedulingAll, KpiBonus, ProcessesDesign,
    ];

    /// <summary>
    /// Permissions that administer the suite rather than work with its data: people, roles, teams
    /// and integration clients (users.manage), the audit log and its alerts (audit.*), and the
    /// shape of the client base everyone works in (clients.configure: custom fields, pipelines,
    /// lead forms and assignment rules). Only people hold them, signed in with their password,
    /// lockout and optional second factor; an integration client (a shared secret, none of that)
    /// is never granted them, and a token issued to one never carries them.
    /// </summary>
    public static readonly IReadOnlyList<string> Administrative = [UsersManage, AuditRead, AuditAlertsRead, ClientsConfigure, DocumentsConfigure, KpiConfigure, ProcessesDesign];

    /// <summary>What an integration client may be granted: every data permission.</summary>
    public static readonly IReadOnlyList<string> ForIntegrations = [.. All.Except(Administrative)];

    public static bool IsAdministrative(string permission) => Administrative.Contains(permission);
}

public static class ClientVisibility
{
    public const string Own = "own";
    public const string Team = "team";
    public const string All = "all";
}
