using CrmSuite.Warehouse.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The movement ledger as the UI sees it: each test says how it answers and reads what it was asked.</summary>
internal sealed class FakeMovementsClient : Movements.MovementsClient
{
    public Func<CreateMovementRequest, AsyncUnaryCall<Movement>> OnCreate { get; set; } =
        request => Calls.Ok(new Movement
        {
            Id = "movement-1",
            Number = 1,
            Type = request.Type,
            Status = request.Post ? MovementStatus.Posted : MovementStatus.Draft,
            Version = "1",
        });

    public Func<GetMovementRequest, AsyncUnaryCall<Movement>> OnGet { get; set; } =
        _ => Calls.Fail<Movement>(Calls.Error(StatusCode.NotFound));

    public Func<PostMovementRequest, AsyncUnaryCall<Movement>> OnPost { get; set; } =
        request => Calls.Ok(new Movement { Id = request.Id, Status = MovementStatus.Posted, Version = "2" });

    public Func<ReverseMovementRequest, AsyncUnaryCall<Movement>> OnReverse { get; set; } =
        request => Calls.Ok(new Movement { Id = "reversal", ReversesMovementId = request.Id, Status = MovementStatus.Posted });

    public Func<ListMovementsRequest, AsyncUnaryCall<ListMovementsResponse>> OnList { get; set; } =
        _ => Calls.Ok(new ListMovementsResponse());

    public List<CreateMovementRequest> CreateRequests { get; } = [];

    public List<PostMovementRequest> PostRequests { get; } = [];

    public List<ReverseMovementRequest> ReverseRequests { get; } = [];

    public List<ListMovementsRequest> ListRequests { get; } = [];

    public override AsyncUnaryCall<Movement> CreateMovementAsync(CreateMovementRequest request, CallOptions options)
    {
        CreateRequests.Add(request);
        return OnCreate(request);
    }

    public override AsyncUnaryCall<Movement> GetMovementAsync(GetMovementRequest request, CallOptions options) => OnGet(request);

    public override AsyncUnaryCall<Movement> PostMovementAsync(PostMovementRequest request, CallOptions options)
    {
        PostRequests.Add(request);
        return OnPost(request);
    }

    public override AsyncUnaryCall<Movement> ReverseMovementAsync(ReverseMovementRequest request, CallOptions options)
    {
        ReverseRequests.Add(request);
        return OnReverse(request);
    }

    public override AsyncUnaryCall<ListMovementsResponse> ListMovementsAsync(ListMovementsRequest request, CallOptions options)
    {
        ListRequests.Add(request);
        return OnList(request);
    }
}
