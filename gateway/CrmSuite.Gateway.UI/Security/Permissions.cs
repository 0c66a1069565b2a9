namespace CrmSuite.Gateway.UI.Security;

/// <summary>Permission names; the host registers an authorization policy under each name.</summary>
public static class Permissions
{
    public const string ClientsRead = "clients.read";
    public const string ClientsWrite = "clients.write";
    public const string ClientsExport = "clients.export";
    public const string ClientsConfigure = "clients.configure";
    public const string UsersManage = "users.manage";
    public const string AuditRead = "audit.read";
    public const string AuditAlertsRead = "audit.alerts.read";
    public const string WarehouseRead = "warehouse.read";
    public const string WarehouseWrite = "warehouse.write";
    public const string WarehouseReserve = "warehouse.reserve";
    public const string WarehouseCatalog = "warehouse.catalog";
    public const string SchedulingRead = "scheduling.read";
    public const string SchedulingWrite = "scheduling.write";
    public const string DocumentsRead = "documents.read";
    public const string DocumentsWrite = "documents.write";
    public const string DocumentsConfigure = "documents.configure";
    public const string KpiConfigure = "kpi.configure";
    public const string KpiRead = "kpi.read";
    /// <summary>Every person's bonus sheet (directors, accountants).</summary>
    public const string KpiBonus = "kpi.bonus";
    /// <summary>Draw, publish and archive business processes (directors, administrators).</summary>
    public const string ProcessesDesign = "processes.design";

    /// <summary>
    /// Never offered for an integration client: identity refuses them (the list there is
    /// CrmSuite.BuildingBlocks.Security.Permissions.Administrative; this UI does not reference BuildingBlocks).
    /// </summary>
    public static readonly IReadOnlyList<string> Administrative = [UsersManage, AuditRead, AuditAlertsRead, ClientsConfigure, DocumentsConfigure, KpiConfigure, ProcessesDesign];
}
