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
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private Sample _last;
    private double _serviceRssPeak, _serviceHwm, _chromiumRssPeak, _chromiumPssPeak, _otherRssPeak, _totalPssPeak;
    private int _chromiumProcessesPeak, _samples;

    private readonly record struct Sample(double ServiceRss, double ServiceHwm, double ServicePss, double ChromiumRss, double ChromiumPss, int ChromiumProcesses, double OtherRss, double OtherPss);

    public MemorySampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _timer = new Timer(_ => Take(), null, TimeSpan.Zero, interval);
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

    /// <summary>Every process below <paramref name="root"/> with its command name (from /proc/*/stat).</summary>
    private static List<(int Pid, string Command)> Descendants(int root)
    {
        var children = new Dictionary<int, List<(int, string)>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // gone meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                continue;
            }
            var fields = stat[(close + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }
            list.Add((pid, stat[(open + 1)..close]));
        }
        var found = new List<(int, string)>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                found.Add(child);
                queue.Enqueue(child.Item1);
            }
        }
        return found;
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
        _timer.Dispose();
    }
}
