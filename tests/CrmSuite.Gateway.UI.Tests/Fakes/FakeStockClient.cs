using CrmSuite.Warehouse.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>Stock levels, reservations and flags as the UI sees them: each test says how they answer.</summary>
internal sealed class FakeStockClient : Stock.StockClient
{
    public Func<ListStockRequest, AsyncUnaryCall<ListStockResponse>> OnListStock { get; set; } =
        _ => Calls.Ok(new ListStockResponse());

    public Func<ReserveRequest, AsyncUnaryCall<ReserveResponse>> OnReserve { get; set; } =
        _ => Calls.Ok(new ReserveResponse());

    public Func<ListReservationsRequest, AsyncUnaryCall<ListReservationsResponse>> OnListReservations { get; set; } =
        _ => Calls.Ok(new ListReservationsResponse());

    public Func<ListFlagsRequest, AsyncUnaryCall<ListFlagsResponse>> OnListFlags { get; set; } =
        _ => Calls.Ok(new ListFlagsResponse());

    public List<ListStockRequest> ListStockRequests { get; } = [];

    public List<ReserveRequest> ReserveRequests { get; } = [];

    public List<ListFlagsRequest> ListFlagsRequests { get; } = [];

    public override AsyncUnaryCall<ListStockResponse> ListStockAsync(ListStockRequest request, CallOptions options)
    {
        ListStockRequests.Add(request);
        return OnListStock(request);
    }

    public override AsyncUnaryCall<ReserveResponse> ReserveAsync(ReserveRequest request, CallOptions options)
    {
        ReserveRequests.Add(request);
        return OnReserve(request);
    }

    public override AsyncUnaryCall<ListReservationsResponse> ListReservationsAsync(ListReservationsRequest request, CallOptions options) =>
        OnListReservations(request);

    public override AsyncUnaryCall<ListFlagsResponse> ListFlagsAsync(ListFlagsRequest request, CallOptions options)
    {
        ListFlagsRequests.Add(request);
        return OnListFlags(request);
    }
}
