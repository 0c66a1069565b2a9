using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The leads API as the UI sees it: each test says how it answers and reads what it was asked.</summary>
internal sealed class FakeLeadsClient : CrmSuite.Clients.Contracts.Leads.LeadsClient
{
    public Func<ListLeadsRequest, AsyncUnaryCall<ListLeadsResponse>> OnList { get; set; } = _ => Calls.Ok(new ListLeadsResponse());

    public Func<FindLeadDuplicatesRequest, AsyncUnaryCall<FindLeadDuplicatesResponse>> OnDuplicates { get; set; } =
        _ => Calls.Ok(new FindLeadDuplicatesResponse());

    public Func<ConvertLeadRequest, AsyncUnaryCall<ConvertLeadResponse>> OnConvert { get; set; } =
        request => Calls.Ok(new ConvertLeadResponse { CompanyId = request.ExistingCompanyId.Length > 0 ? request.ExistingCompanyId : "new-company", CompanyCreated = request.ExistingCompanyId.Length == 0 });

    public List<ListLeadsRequest> ListRequests { get; } = [];

    public AssignmentRules Rules { get; set; } = new();

    public List<SaveAssignmentRulesRequest> SaveRulesRequests { get; } = [];

    public override AsyncUnaryCall<AssignmentRules> ListAssignmentRulesAsync(ListAssignmentRulesRequest request, CallOptions options) =>
        Calls.Ok(Rules);

    public override AsyncUnaryCall<AssignmentRules> SaveAssignmentRulesAsync(SaveAssignmentRulesRequest request, CallOptions options)
    {
        SaveRulesRequests.Add(request);
        return Calls.Ok(new AssignmentRules { Rules = { request.Rules } });
    }

    public List<ConvertLeadRequest> ConvertRequests { get; } = [];

    public List<CreateLeadRequest> CreateRequests { get; } = [];

    public Func<CreateLeadRequest, AsyncUnaryCall<Lead>> OnCreate { get; set; } =
        request => Calls.Ok(new Lead { Id = "lead-new", PersonName = request.PersonName, Status = LeadStatus.New, Source = LeadSource.Api });

    public override AsyncUnaryCall<Lead> CreateLeadAsync(CreateLeadRequest request, CallOptions options)
    {
        CreateRequests.Add(request);
        return OnCreate(request);
    }

    /// <summary>The leads a card opens.</summary>
    public List<Lead> Stored { get; } = [];

    public override AsyncUnaryCall<Lead> GetLeadAsync(GetLeadRequest request, CallOptions options) =>
        Stored.FirstOrDefault(l => l.Id == request.Id) is { } lead
            ? Calls.Ok(lead.Clone())
            : Calls.Fail<Lead>(Calls.Error(StatusCode.NotFound, "No such lead."));

    public override AsyncUnaryCall<ListLeadsResponse> ListLeadsAsync(ListLeadsRequest request, CallOptions options)
    {
        ListRequests.Add(request);
        return OnList(request);
    }

    public override AsyncUnaryCall<FindLeadDuplicatesResponse> FindLeadDuplicatesAsync(FindLeadDuplicatesRequest request, CallOptions options) =>
        OnDuplicates(request);

    public override AsyncUnaryCall<ConvertLeadResponse> ConvertLeadAsync(ConvertLeadRequest request, CallOptions options)
    {
        ConvertRequests.Add(request);
        return OnConvert(request);
    }
}
