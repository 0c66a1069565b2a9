using CrmSuite.Testing;

namespace CrmSuite.ScaleOutTests;

/// <summary>The processes a test started, each with the address that says it is ready; all stopped at the end.</summary>
public sealed class Processes : IAsyncDisposable
{
    private readonly List<(ServiceProcess Process, Uri Health)> _started = [];

    public string Output => string.Join("\n", _started.Select(p => $"--- {p.Process.Name}\n{p.Process.Output}"));

    public ServiceProcess Start(ServiceProcess process, Uri health)
    {
        _started.Add((process, health));
        process.Start();
        return process;
    }

    /// <summary>Kills one (SIGKILL) and forgets it, so that a new process can take its place.</summary>
    public async Task KillAsync(ServiceProcess process)
    {
        _started.RemoveAll(p => p.Process == process);
        await process.DisposeAsync();
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        foreach (var (process, health) in _started)
        {
            await process.WaitHealthyAsync(probe, health, timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _started)
        {
            await process.DisposeAsync();
        }
    }
}
