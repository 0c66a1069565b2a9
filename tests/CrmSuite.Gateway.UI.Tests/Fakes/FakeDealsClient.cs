using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>
/// Deals as the UI sees them: a small in-memory set the list answers from (filtered by stage and
/// company as the service does), moves that change it, and every request recorded.
/// </summary>
internal sealed class FakeDealsClient : CrmSuite.Clients.Contracts.Deals.DealsClient
{
    public List<Deal> Stored { get; } = [];

    public List<ListDealsRequest> ListRequests { get; } = [];

    public List<MoveDealRequest> MoveRequests { get; } = [];

    public List<CreateDealRequest> CreateRequests { get; } = [];

    public List<UpdateDealRequest> UpdateRequests { get; } = [];

    /// <summary>How a move is answered; by default the stored deal changes stage.</summary>
    public Func<MoveDealRequest, AsyncUnaryCall<Deal>>? OnMove { get; set; }

    /// <summary>How an update is answered; by default the stored deal takes the new title.</summary>
    public Func<UpdateDealRequest, AsyncUnaryCall<Deal>>? OnUpdate { get; set; }

    public Func<GetDealHistoryRequest, AsyncUnaryCall<DealHistory>> OnHistory { get; set; } =
        request => Calls.Ok(new DealHistory { DealId = request.Id });

    public override AsyncUnaryCall<ListDealsResponse> ListDealsAsync(ListDealsRequest request, CallOptions options)
    {
        ListRequests.Add(request);
        var response = new ListDealsResponse();
        response.Deals.AddRange(Stored.Where(d =>
            (request.StageId.Length == 0 || d.StageId == request.StageId)
            && (request.CompanyId.Length == 0 || d.CompanyId == request.CompanyId)
            && (request.Query.Length == 0 || d.Title.Contains(request.Query, StringComparison.OrdinalIgnoreCase))
            && (request.OwnerUserId.Length == 0 || d.OwnerUserId == request.OwnerUserId)).Select(d => d.Clone()));
        return Calls.Ok(response);
    }

    public override AsyncUnaryCall<Deal> MoveDealAsync(MoveDealRequest request, CallOptions options)
    {
        MoveRequests.Add(request);
        if (OnMove is not null)
        {
            return OnMove(request);
        }
        var deal = Stored.Single(d => d.Id == request.Id);
        deal.StageId = request.StageId;
        deal.LostReason = request.LostReason;
        deal.Version = (int.Parse(deal.Version, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Calls.Ok(deal.Clone());
    }

    public override AsyncUnaryCall<Deal> CreateDealAsync(CreateDealRequest request, CallOptions options)
    {
        CreateRequests.Add(request);
        var deal = new Deal
        {
            Id = "created", Title = request.Title, CompanyId = request.CompanyId, Amount = request.Amount, Currency = request.Currency, Version = "1",
        };
        Stored.Add(deal);
        return Calls.Ok(deal.Clone());
    }

    public override AsyncUnaryCall<Deal> UpdateDealAsync(UpdateDealRequest request, CallOptions options)
    {
        UpdateRequests.Add(request);
        if (OnUpdate is not null)
        {
            return OnUpdate(request);
        }
        var deal = Stored.Single(d => d.Id == request.Id);
        deal.Title = request.Title;
        return Calls.Ok(deal.Clone());
    }

    public override AsyncUnaryCall<Deal> GetDealAsync(GetDealRequest request, CallOptions options) =>
        Stored.FirstOrDefault(d => d.Id == request.Id) is { } deal ? Calls.Ok(deal.Clone()) : Calls.Fail<Deal>(Calls.Error(StatusCode.NotFound, "No such deal."));

    public override AsyncUnaryCall<DealHistory> GetDealHistoryAsync(GetDealHistoryRequest request, CallOptions options) => OnHistory(request);
}
