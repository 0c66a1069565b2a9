using CrmSuite.Identity.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The identity administration API as the UI sees it.</summary>
internal sealed class FakeAdministrationClient : Administration.AdministrationClient
{
    public Func<ListUsersRequest, AsyncUnaryCall<ListUsersResponse>> OnListUsers { get; set; } =
        _ => Calls.Ok(new ListUsersResponse());

    public Func<CreateUserRequest, AsyncUnaryCall<UserWithPassword>> OnCreateUser { get; set; } =
        request => Calls.Ok(new UserWithPassword
        {
            User = new User { Id = "new-user", UserName = request.UserName, DisplayName = request.DisplayName },
            OneTimePassword = "one-time-secret",
        });

    public Func<CreateIntegrationClientRequest, AsyncUnaryCall<IntegrationClientWithSecret>> OnCreateIntegration { get; set; } =
        request => Calls.Ok(new IntegrationClientWithSecret
        {
            Client = new IntegrationClient { ClientId = "integration-1", DisplayName = request.DisplayName },
            ClientSecret = "integration-secret",
        });

    public List<Role> Roles { get; } =
    [
        new Role { Name = "Administrator", ClientVisibility = "all", Permissions = { "users.manage", "clients.read" } },
        new Role { Name = "SalesManager", ClientVisibility = "own", Permissions = { "clients.read", "clients.write" } },
    ];

    public List<Team> Teams { get; } = [];

    /// <summary>The people directory the pickers read.</summary>
    public ListPeopleResponse People { get; } = new();

    public List<CreateUserRequest> CreateUserRequests { get; } = [];

    public List<ListUsersRequest> ListUsersRequests { get; } = [];

    public override AsyncUnaryCall<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CallOptions options)
    {
        ListUsersRequests.Add(request);
        return OnListUsers(request);
    }

    public override AsyncUnaryCall<UserWithPassword> CreateUserAsync(CreateUserRequest request, CallOptions options)
    {
        CreateUserRequests.Add(request);
        return OnCreateUser(request);
    }

    public override AsyncUnaryCall<ListRolesResponse> ListRolesAsync(ListRolesRequest request, CallOptions options) =>
        Calls.Ok(new ListRolesResponse { Roles = { Roles } });

    public override AsyncUnaryCall<ListPeopleResponse> ListPeopleAsync(ListPeopleRequest request, CallOptions options) =>
        Calls.Ok(People);

    /// <summary>The pages the UI reported as refused (its access-denied view), in order.</summary>
    public List<string> RefusedPages { get; } = [];

    public override AsyncUnaryCall<RecordRefusedPageResponse> RecordRefusedPageAsync(RecordRefusedPageRequest request, CallOptions options)
    {
        lock (RefusedPages)
        {
            RefusedPages.Add(request.Page);
        }
        return Calls.Ok(new RecordRefusedPageResponse());
    }

    public override AsyncUnaryCall<ListTeamsResponse> ListTeamsAsync(ListTeamsRequest request, CallOptions options) =>
        Calls.Ok(new ListTeamsResponse { Teams = { Teams } });

    public override AsyncUnaryCall<ListIntegrationClientsResponse> ListIntegrationClientsAsync(
        ListIntegrationClientsRequest request, CallOptions options) =>
        Calls.Ok(new ListIntegrationClientsResponse());

    public override AsyncUnaryCall<IntegrationClientWithSecret> CreateIntegrationClientAsync(
        CreateIntegrationClientRequest request, CallOptions options) =>
        OnCreateIntegration(request);
}
