using CrmSuite.Gateway.UI.Admin;
using CrmSuite.Identity.Contracts;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The integration form offers only what identity lets an integration hold: data permissions.</summary>
public sealed class IntegrationPermissionsTests
{
    [Fact]
    public void The_integration_form_does_not_offer_administrative_permissions()
    {
        var administrator = new Role
        {
            Name = "Administrator",
            Permissions = { "users.manage", "audit.read", "audit.alerts.read", "clients.configure", "clients.read", "warehouse.write" },
        };

        var offered = new AdminCatalog([administrator], []).Permissions;

        Assert.Equal(["clients.read", "warehouse.write"], offered);
    }
}
