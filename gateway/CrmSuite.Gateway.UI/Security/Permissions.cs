namespace CrmSuite.Gateway.UI.Security;

/// <summary>Permission names; the host registers an authorization policy under each name.</summary>
public static class Permissions
{
    public const string ClientsRead = "clients.read";
    public const string ClientsWrite = "clients.write";
    public const string UsersManage = "users.manage";
    public const string AuditRead = "audit.read";
    public const string AuditAlertsRead = "audit.alerts.read";
}
