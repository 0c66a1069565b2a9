using System.Net;
using System.Net.Http.Headers;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Identity.Setup;
using CrmSuite.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CrmSuite.Identity.FunctionalTests;

/// <summary>
/// The scheduling service's own account (crmsuite-scheduling), registered by identity's setup from
/// Identity:Clients:Scheduling:Secret: what its process engine may do in the clients and documents
/// services, and nothing an administrator does.
/// </summary>
public sealed class ServiceAccountTests(IdentityService identity) : IClassFixture<IdentityService>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] DataPermissions = ["clients.read", "clients.write", "documents.read", "documents.write"];

    [Fact]
    public async Task The_scheduling_account_gets_a_token_with_exactly_its_data_permissions_seeing_all_clients_under_a_readable_name()
    {
        var token = await new OidcTestClient(identity.Address, IdentityService.GatewaySecret)
            .ClientCredentialsAsync(IdentitySetup.SchedulingClientId, IdentityService.SchedulingSecret, "crm_api " + string.Join(' ', DataPermissions), Ct);

        var claims = new JsonWebToken(token);
        Assert.Equal(DataPermissions.Order(), claims.Claims.Where(c => c.Type == CrmClaims.Permission).Select(c => c.Value).Order());
        Assert.Equal(ClientVisibility.All, claims.GetPayloadValue<string>(CrmClaims.ClientVisibility));
        Assert.Equal(IdentitySetup.SchedulingClientName, claims.GetPayloadValue<string>(CrmClaims.Name));
        Assert.Equal(IdentitySetup.SchedulingClientId, claims.Subject);
        // The services check an integration-like token with identity; a service account always counts.
        using var http = new HttpClient { BaseAddress = identity.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var status = await IdentityService.ReadJsonAsync(await http.GetAsync("/" + IntegrationClientStatus.Path, Ct), Ct);
        Assert.True(status.GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("users.manage")]
    [InlineData("audit.read")]
    [InlineData("clients.configure")]
    [InlineData("processes.design")]
    [InlineData("warehouse.write")]
    public async Task The_scheduling_account_can_never_get_an_administrative_or_other_permission(string permission)
    {
        var oidc = new OidcTestClient(identity.Address, IdentityService.GatewaySecret);

        // Asking for a scope the client was not given is refused outright by OpenIddict (invalid_scope).
        await Assert.ThrowsAsync<HttpRequestException>(() =>
            oidc.ClientCredentialsAsync(IdentitySetup.SchedulingClientId, IdentityService.SchedulingSecret, $"crm_api clients.read {permission}", Ct));
        var token = await oidc.ClientCredentialsAsync(IdentitySetup.SchedulingClientId, IdentityService.SchedulingSecret, "crm_api clients.read", Ct);
        var claims = new JsonWebToken(token);
        Assert.DoesNotContain(claims.Claims, c => c.Type == CrmClaims.Permission && (c.Value == permission || Permissions.IsAdministrative(c.Value)));
        using var http = new HttpClient { BaseAddress = identity.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var users = await http.GetAsync("/v1/users", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
    }

    [Fact]
    public async Task The_scheduling_account_with_a_wrong_secret_gets_no_token_and_is_not_listed_among_integrations()
    {
        var oidc = new OidcTestClient(identity.Address, IdentityService.GatewaySecret);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            oidc.ClientCredentialsAsync(IdentitySetup.SchedulingClientId, "Guessed-Secret-777", "crm_api clients.read", Ct));
        using var admin = identity.AsAdministrator();
        var listed = await IdentityService.ReadJsonAsync(await admin.GetAsync("/v1/integration-clients", Ct), Ct);
        Assert.DoesNotContain(listed.GetProperty("clients").EnumerateArray(), c => c.GetProperty("clientId").GetString() == IdentitySetup.SchedulingClientId);
    }
}
