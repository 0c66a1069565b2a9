using System.Globalization;

namespace CrmSuite.Bench.Documents;

/// <summary>
/// CPU time (user + system) of a process and all its descendants (the Playwright driver, Chromium's
/// browser, GPU/utility and renderer processes), from /proc/PID/stat. On a machine shared with other
/// work, CPU-ms per PDF is what can be compared between runs; PDFs per second are not.
/// </summary>
public static class CpuMeter
{
    /// <summary>Clock ticks per second of /proc's utime/stime (USER_HZ: 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds so far of the root process, of the Playwright driver (node) and of Chromium's processes below it.</summary>
    public readonly record struct Split(double Root, double Driver, double Chromium)
    {
        public double Total => Root + Driver + Chromium;

        public static Split operator -(Split a, Split b) => new(a.Root - b.Root, a.Driver - b.Driver, a.Chromium - b.Chromium);
    }

    public static Split TreeSeconds(int root)
    {
        long own = 0, driver = 0, chromium = 0;
        var queue = new Queue<int>([root]);
        var seen = new HashSet<int>();
        while (queue.TryDequeue(out var pid))
        {
            if (!seen.Add(pid))
            {
                continue;
            }
            var (command, ticks) = Stat(pid);
            if (pid == root)
            {
                own += ticks;
            }
            else if (command == "node")
            {
                driver += ticks;
            }
            else
            {
                chromium += ticks;
            }
            foreach (var child in Children(pid))
            {
                queue.Enqueue(child);
            }
        }
        return new Split(own / TicksPerSecond, driver / TicksPerSecond, chromium / TicksPerSecond);
    }

    private static (string Command, long Ticks) Stat(int pid)
    {
        try
        {
            // "PID (command) state …": after the command (which may hold spaces), utime and stime are the 12th and 13th fields.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return (stat[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return ("", 0);
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return children;
    }
}
