using CrmSuite.Gateway.UI.Admin;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Identity.Contracts;
using Microsoft.Extensions.Logging;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Users, teams, roles and integration clients as the administration pages use them. Each call
/// answers its result, or <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class AdministrationApi(Administration.AdministrationClient administration, ILogger<AdministrationApi> logger)
{
    /// <summary>A page of users, <paramref name="query"/> matching their names; a call the page gave up on shows nothing.</summary>
    public Task<ListUsersResponse?> ListUsersAsync(ListUsersRequest request, ErrorState errors, CancellationToken cancellationToken) =>
        ServiceCall.RunAsync(administration.ListUsersAsync(request, cancellationToken: cancellationToken), errors, cancellationToken);

    /// <summary>Colleagues and teams as identity's people directory lists them for pickers and names.</summary>
    public Task<ListPeopleResponse?> ListPeopleAsync(int pageSize, ErrorState errors) =>
        ServiceCall.RunAsync(administration.ListPeopleAsync(new ListPeopleRequest { PageSize = pageSize }), errors, default);

    public Task<User?> GetUserAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(administration.GetUserAsync(new GetUserRequest { Id = id }), errors, default);

    /// <summary>A new one-time password for <paramref name="user"/>.</summary>
    public Task<UserWithPassword?> ResetPasswordAsync(User user, ErrorState errors) =>
        ServiceCall.RunAsync(administration.ResetPasswordAsync(new ResetPasswordRequest { Id = user.Id }), errors, default);

    public Task<User?> UnlockUserAsync(User user, ErrorState errors) =>
        ServiceCall.RunAsync(administration.UnlockUserAsync(new UnlockUserRequest { Id = user.Id }), errors, default);

    /// <summary>
    /// Records in the audit log that the signed-in person was refused <paramref name="page"/>. The
    /// person is refused either way; a refusal that could not be recorded is only logged.
    /// </summary>
    public async Task RecordRefusedPageAsync(string page)
    {
        var failed = new ErrorState();
        await ServiceCall.RunAsync(administration.RecordRefusedPageAsync(new RecordRefusedPageRequest { Page = page }), failed, default);
        if (failed.Status is { } status)
        {
            logger.LogWarning("Could not record the refused page {Page} in the audit log: {Status}", page, status);
        }
    }

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
