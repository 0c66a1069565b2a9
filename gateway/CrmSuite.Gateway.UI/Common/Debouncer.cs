namespace CrmSuite.Gateway.UI.Common;

/// <summary>
/// Runs an action once the user has stopped typing for <paramref name="delay"/>; a newer call
/// cancels the older one (and its request, through the token), so stale results never show.
/// The clock is the host's <see cref="TimeProvider"/>, so tests can move time instead of waiting.
/// </summary>
public sealed class Debouncer(TimeSpan delay, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Typing = TimeSpan.FromMilliseconds(300);

    private CancellationTokenSource? pending;

    public async Task RunAsync(Func<CancellationToken, Task> action)
    {
        pending?.Cancel();
        pending?.Dispose();
        var current = pending = new CancellationTokenSource();
        try
        {
            await Task.Delay(delay, clock, current.Token);
            await action(current.Token);
        }
        catch (Exception) when (current.IsCancellationRequested)
        {
            // Superseded by newer input: its result is no longer wanted.
        }
    }

    public void Dispose()
    {
        pending?.Cancel();
        pending?.Dispose();
        pending = null;
    }
}
