using System.Globalization;

namespace CrmSuite.Bench.Documents;

/// <summary>
/// Samples, every interval, the memory of a process (VmRSS, and VmHWM: the kernel's own peak) and of
/// all its descendants, split into Chromium's processes and the rest (the Playwright driver): RSS
/// summed (shared pages counted in every process) and PSS summed (shared pages divided among the
/// processes sharing them: what the browser really adds). Keeps the peaks.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private Sample _last;
    private double _serviceRssPeak, _serviceHwm, _chromiumRssPeak, _chromiumPssPeak, _otherRssPeak, _totalPssPeak;
    private int _chromiumProcessesPeak, _samples;

    private readonly record struct Sample(double ServiceRss, double ServiceHwm, double ServicePss, double ChromiumRss, double ChromiumPss, int ChromiumProcesses, double OtherRss, double OtherPss);

    public MemorySampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        // One sample at a time, the next one an interval after the last ended (never piling up on the thread pool).
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Take();
                try
                {
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>The latest sample, for a progress line.</summary>
    public string Now()
    {
        lock (_gate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"service_rss_mb={_last.ServiceRss:F0} service_hwm_mb={_last.ServiceHwm:F0} chromium_rss_mb={_last.ChromiumRss:F0} chromium_pss_mb={_last.ChromiumPss:F0} chromium_procs={_last.ChromiumProcesses}");
        }
    }

    public string Summary()
    {
        _stop.Cancel();
        _loop.Wait();
        Take();
        lock (_gate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"MEMORY service_hwm_mb={_serviceHwm:F0} service_rss_peak_mb={_serviceRssPeak:F0} chromium_rss_peak_mb={_chromiumRssPeak:F0} chromium_pss_peak_mb={_chromiumPssPeak:F0} chromium_procs_peak={_chromiumProcessesPeak} driver_rss_peak_mb={_otherRssPeak:F0} total_pss_peak_mb={_totalPssPeak:F0} samples={_samples}");
        }
    }

    private void Take()
    {
        if (!File.Exists($"/proc/{_pid}/status"))
        {
            return;
        }
        var status = Status(_pid);
        double chromiumRss = 0, chromiumPss = 0, otherRss = 0, otherPss = 0;
        var chromiumProcesses = 0;
        foreach (var (pid, command) in Descendants(_pid))
        {
            var rss = Status(pid).GetValueOrDefault("VmRSS");
            var pss = Pss(pid);
            if (command.StartsWith("chrom", StringComparison.Ordinal))
            {
                chromiumRss += rss;
                chromiumPss += pss;
                chromiumProcesses++;
            }
            else
            {
                otherRss += rss;
                otherPss += pss;
            }
        }
        var sample = new Sample(status.GetValueOrDefault("VmRSS"), status.GetValueOrDefault("VmHWM"), Pss(_pid), chromiumRss, chromiumPss, chromiumProcesses, otherRss, otherPss);
        lock (_gate)
        {
            _last = sample;
            _samples++;
            _serviceRssPeak = Math.Max(_serviceRssPeak, sample.ServiceRss);
            _serviceHwm = Math.Max(_serviceHwm, sample.ServiceHwm);
            _chromiumRssPeak = Math.Max(_chromiumRssPeak, sample.ChromiumRss);
            _chromiumPssPeak = Math.Max(_chromiumPssPeak, sample.ChromiumPss);
            _chromiumProcessesPeak = Math.Max(_chromiumProcessesPeak, sample.ChromiumProcesses);
            _otherRssPeak = Math.Max(_otherRssPeak, sample.OtherRss);
            _totalPssPeak = Math.Max(_totalPssPeak, sample.ServicePss + sample.ChromiumPss + sample.OtherPss);
        }
    }

    /// <summary>
    /// Every process below <paramref name="root"/> with its command name, from each thread's
    /// /proc/PID/task/TID/children (cheap: no scan of all of /proc, which on a busy machine costs
    /// more CPU than the documents being measured).
    /// </summary>
    private static List<(int Pid, string Command)> Descendants(int root)
    {
        var found = new List<(int, string)>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in Children(pid))
            {
                found.Add((child, Command(child)));
                queue.Enqueue(child);
            }
        }
        return found;
    }

    private static IEnumerable<int> Children(int pid)
    {
        var children = new HashSet<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    children.Add(int.Parse(child, CultureInfo.InvariantCulture));
                }
            }
        }
        catch (IOException)
        {
            // The process or a thread ended meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return children;
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The kB lines of /proc/PID/status, in MB.</summary>
    private static Dictionary<string, double> Status(int pid) => KbLines($"/proc/{pid}/status");

    private static double Pss(int pid) => KbLines($"/proc/{pid}/smaps_rollup").GetValueOrDefault("Pss");

    private static Dictionary<string, double> KbLines(string path)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var colon = line.IndexOf(':');
                if (colon > 0 && line.EndsWith(" kB", StringComparison.Ordinal)
                    && double.TryParse(line.AsSpan(colon + 1, line.Length - colon - 4).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var kb))
                {
                    values.TryAdd(line[..colon], kb / 1024);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return values;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
