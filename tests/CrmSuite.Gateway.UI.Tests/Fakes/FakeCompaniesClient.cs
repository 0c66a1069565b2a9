using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The clients service as the UI sees it: each test says how it answers and reads what it was asked.</summary>
internal sealed class FakeCompaniesClient : Companies.CompaniesClient
{
    public Func<ListCompaniesRequest, AsyncUnaryCall<ListCompaniesResponse>> OnList { get; set; } =
        _ => Calls.Ok(new ListCompaniesResponse());

    public Func<SearchCompaniesRequest, AsyncUnaryCall<ListCompaniesResponse>> OnSearch { get; set; } =
        _ => Calls.Ok(new ListCompaniesResponse());

    public Func<GetCompanyRequest, AsyncUnaryCall<Company>> OnGet { get; set; } =
        _ => Calls.Fail<Company>(Calls.Error(StatusCode.NotFound));

    public Func<CreateCompanyRequest, AsyncUnaryCall<Company>> OnCreate { get; set; } =
        request => Calls.Ok(new Company { Id = "created", Name = request.Name, Version = "1" });

    public Func<UpdateCompanyRequest, AsyncUnaryCall<Company>> OnUpdate { get; set; } =
        request => Calls.Ok(new Company { Id = request.Id, Name = request.Name, Inn = request.Inn, Version = "2" });

    public Func<ListContactsRequest, AsyncUnaryCall<ListContactsResponse>> OnListContacts { get; set; } =
        _ => Calls.Ok(new ListContactsResponse());

    public Func<CreateContactRequest, AsyncUnaryCall<Contact>> OnCreateContact { get; set; } =
        request => Calls.Ok(new Contact { Id = "contact", CompanyId = request.CompanyId, FullName = request.FullName });

    public Func<ListCompanyChangesRequest, AsyncUnaryCall<ListCompanyChangesResponse>> OnListChanges { get; set; } =
        _ => Calls.Ok(new ListCompanyChangesResponse());

    public List<ListCompaniesRequest> ListRequests { get; } = [];

    public List<CreateCompanyRequest> CreateRequests { get; } = [];

    public List<SearchCompaniesRequest> SearchRequests { get; } = [];

    public List<UpdateCompanyRequest> UpdateRequests { get; } = [];

    public List<AssignCompanyRequest> AssignRequests { get; } = [];

    /// <summary>The company as the service answers a reassignment: the new manager and team.</summary>
    public Company Assigned { get; set; } = new();

    public List<GetCompanyRequest> GetRequests { get; } = [];

    public override AsyncUnaryCall<ListCompaniesResponse> ListCompaniesAsync(ListCompaniesRequest request, CallOptions options)
    {
        ListRequests.Add(request);
        return OnList(request);
    }

    public override AsyncUnaryCall<ListCompaniesResponse> SearchCompaniesAsync(SearchCompaniesRequest request, CallOptions options)
    {
        SearchRequests.Add(request);
        return OnSearch(request);
    }

    public override AsyncUnaryCall<Company> GetCompanyAsync(GetCompanyRequest request, CallOptions options)
    {
        GetRequests.Add(request);
        return OnGet(request);
    }

    public override AsyncUnaryCall<Company> CreateCompanyAsync(CreateCompanyRequest request, CallOptions options)
    {
        CreateRequests.Add(request);
        return OnCreate(request);
    }

    public override AsyncUnaryCall<ListCompanyChangesResponse> ListCompanyChangesAsync(ListCompanyChangesRequest request, CallOptions options) =>
        OnListChanges(request);

    public override AsyncUnaryCall<Company> AssignCompanyAsync(AssignCompanyRequest request, CallOptions options)
    {
        AssignRequests.Add(request);
        return Calls.Ok(new Company(Assigned) { Id = request.Id, OwnerUserId = request.OwnerUserId, TeamId = request.TeamId });
    }

    public override AsyncUnaryCall<Company> UpdateCompanyAsync(UpdateCompanyRequest request, CallOptions options)
    {
        UpdateRequests.Add(request);
        return OnUpdate(request);
    }

    public override AsyncUnaryCall<ListContactsResponse> ListContactsAsync(ListContactsRequest request, CallOptions options) =>
        OnListContacts(request);

    public override AsyncUnaryCall<Contact> CreateContactAsync(CreateContactRequest request, CallOptions options) =>
        OnCreateContact(request);
}
