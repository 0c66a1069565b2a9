using Grpc.Core;

namespace CrmSuite.Gateway.UI.Common;

/// <summary>
/// The loads of one list: each new load supersedes the one before it, whatever started either
/// (the first render, typing, a filter, a page), so an earlier answer that arrives late never
/// replaces a later one. A superseded load's request is cancelled and its result, or error, dropped.
/// </summary>
public sealed class LatestLoad
{
    private CancellationTokenSource? latest;

    /// <summary>True while the newest load is running.</summary>
    public bool Loading { get; private set; }

    /// <summary>
    /// Fetches, then shows the answer (<paramref name="show"/>) or the error (<paramref name="fail"/>)
    /// unless a newer load has started meanwhile or <paramref name="cancelledBy"/> was cancelled.
    /// </summary>
    public async Task RunAsync<TResponse>(Func<CancellationToken, Task<TResponse>> fetch, Action<TResponse> show, Action<RpcException> fail,
        CancellationToken cancelledBy = default)
    {
        latest?.Cancel();
        // Not disposed: a source without a timer holds nothing to free, and the superseded load may still read its token.
        var current = latest = CancellationTokenSource.CreateLinkedTokenSource(cancelledBy);
        Loading = true;
        try
        {
            var response = await fetch(current.Token);
            if (!current.IsCancellationRequested)
            {
                show(response);
            }
        }
        catch (RpcException exception) when (!current.IsCancellationRequested)
        {
            fail(exception);
        }
        catch (Exception) when (current.IsCancellationRequested)
        {
            // Superseded: the newer load shows its own answer.
        }
        finally
        {
            if (ReferenceEquals(latest, current))
            {
                Loading = false;
            }
        }
    }
}
