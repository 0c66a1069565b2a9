using CrmSuite.Gateway.UI.Admin;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Identity.Contracts;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Users, teams, roles and integration clients as the administration pages use them. Each call
/// answers its result, or <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class AdministrationApi(Administration.AdministrationClient administration)
{
    public Task<UserWithPassword?> CreateUserAsync(CreateUserRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(administration.CreateUserAsync(request), errors, default);

    public Task<User?> UpdateUserAsync(UpdateUserRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(administration.UpdateUserAsync(request), errors, default);

    /// <summary>All users, page by page (see <see cref="AdminCatalog.ListAllUsersAsync"/>).</summary>
    public Task<IReadOnlyList<User>?> ListAllUsersAsync(ErrorState errors) =>
        ServiceCall.RunAsync(AdminCatalog.ListAllUsersAsync(administration), errors, default);

    public Task<ListRolesResponse?> ListRolesAsync(ErrorState errors) =>
        ServiceCall.RunAsync(administration.ListRolesAsync(new ListRolesRequest()), errors, default);

    /// <summary>The roles and teams the forms offer.</summary>
    public Task<AdminCatalog?> LoadCatalogAsync(ErrorState errors) =>
        ServiceCall.RunAsync(AdminCatalog.LoadAsync(administration), errors, default);

    public Task<ListTeamsResponse?> ListTeamsAsync(ErrorState errors) =>
        ServiceCall.RunAsync(administration.ListTeamsAsync(new ListTeamsRequest()), errors, default);

    public Task<Team?> CreateTeamAsync(CreateTeamRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(administration.CreateTeamAsync(request), errors, default);

    public Task<Team?> UpdateTeamAsync(UpdateTeamRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(administration.UpdateTeamAsync(request), errors, default);

    public Task<ListIntegrationClientsResponse?> ListIntegrationClientsAsync(ErrorState errors) =>
        ServiceCall.RunAsync(administration.ListIntegrationClientsAsync(new ListIntegrationClientsRequest()), errors, default);

    public Task<IntegrationClientWithSecret?> CreateIntegrationClientAsync(CreateIntegrationClientRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(administration.CreateIntegrationClientAsync(request), errors, default);

    public Task<IntegrationClient?> RevokeIntegrationClientAsync(IntegrationClient client, ErrorState errors) =>
        ServiceCall.RunAsync(administration.RevokeIntegrationClientAsync(new RevokeIntegrationClientRequest { ClientId = client.ClientId }),
            errors, default);
}
