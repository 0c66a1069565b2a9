using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Contracts;
using Grpc.Core;

namespace CrmSuite.Warehouse.Api.Reservations;

/// <summary>
/// Stock is reserved only for a deal that exists, that the person reserving may see and that is
/// still open. The clients service owns deals and their visibility, so it is asked over gRPC with
/// the caller's own access token: the answer is what that person sees, never more.
/// </summary>
public sealed class DealGate(Deals.DealsClient deals, ILogger<DealGate> logger)
{
    public const string Field = "deal_id";

    // At most this many deal checks of one replica at once: a burst of reservations (a sale
    // opening) queues here instead of exhausting the clients service's database connections.
    private static readonly SemaphoreSlim Concurrent = new(8);

    public async Task EnsureOpenAsync(Guid dealId, HttpContext caller, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (caller.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            headers.Add("Authorization", authorization);
        }
        Deal deal;
        await Concurrent.WaitAsync(cancellationToken);
        try
        {
            deal = await deals.GetDealAsync(new GetDealRequest { Id = dealId.ToString() }, headers, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied or StatusCode.InvalidArgument)
        {
            // A deal the person may not see is answered like one that does not exist: no hint that it does.
            throw new ValidationFailedException(Field, "Deal not found.");
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The clients service did not answer for deal {DealId}: {Status}", dealId, e.StatusCode);
            throw new RpcException(new Status(StatusCode.Unavailable,
                "The deal cannot be checked now: the clients service is unavailable. Nothing was reserved; try again shortly."));
        }
        finally
        {
            Concurrent.Release();
        }
        if (deal.StageKind is StageKind.Won or StageKind.Lost)
        {
            throw new ValidationFailedException(Field, deal.StageKind == StageKind.Won
                ? "The deal is won: reserve stock only for an open deal."
                : "The deal is lost: reserve stock only for an open deal.");
        }
        if (deal.Archived)
        {
            throw new ValidationFailedException(Field, "The deal is archived: reserve stock only for an open deal.");
        }
    }
}
