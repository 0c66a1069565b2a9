using System.Diagnostics;

namespace CrmSuite.Bench.Documents;

/// <summary>
/// WARMUP then COUNT documents made by CONCURRENCY workers, each taking the next number until all
/// are taken; the measured part's documents per second and latency percentiles.
/// </summary>
public static class Loop
{
    /// <summary>Makes one document as worker <c>worker</c>; returns its size in bytes (0 or an exception: a failure).</summary>
    public delegate Task<long> MakeOne(int worker);

    public sealed record Result(int Docs, double Seconds, double P50Ms, double P95Ms, double AvgKb, int Errors, CpuMeter.Split? Cpu = null)
    {
        public double PerSecond => Docs / Seconds;

        /// <summary>CPU ms per document of the measured part: all, the root process (service or bench), the driver, Chromium.</summary>
        private string CpuText => Cpu is { } c
            ? FormattableString.Invariant($" cpu_ms={c.Total * 1000 / Docs:F1} cpu_root_ms={c.Root * 1000 / Docs:F1} cpu_driver_ms={c.Driver * 1000 / Docs:F1} cpu_chromium_ms={c.Chromium * 1000 / Docs:F1}")
            : "";

        public override string ToString() =>
            FormattableString.Invariant($"RESULT docs={Docs} seconds={Seconds:F2} per_s={PerSecond:F2} p50_ms={P50Ms:F1} p95_ms={P95Ms:F1} avg_kb={AvgKb:F1} errors={Errors}") + CpuText;
    }

    /// <param name="cpuRoot">The process whose tree's CPU time the measured part's documents cost (cpu_ms per document).</param>
    public static async Task<Result> RunAsync(LoopOptions options, MakeOne makeOne, Action<int, double>? progress = null, int? cpuRoot = null)
    {
        var warm = await RunPartAsync(options.Warmup, options.Concurrency, makeOne, null);
        if (warm.Errors > 0)
        {
            Console.Error.WriteLine($"{warm.Errors} of {options.Warmup} warm-up documents failed");
        }
        var cpuBefore = cpuRoot is { } before ? CpuMeter.TreeSeconds(before) : default;
        var measured = await RunPartAsync(options.Count, options.Concurrency, makeOne, progress);
        CpuMeter.Split? cpu = cpuRoot is { } after ? CpuMeter.TreeSeconds(after) - cpuBefore : null;
        return measured with { Errors = measured.Errors + warm.Errors, Cpu = cpu };
    }

    private static async Task<Result> RunPartAsync(int count, int concurrency, MakeOne makeOne, Action<int, double>? progress)
    {
        var latencies = new double[count];
        var next = -1;
        var done = 0;
        var errors = 0;
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        async Task Worker(int worker)
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var size = await makeOne(worker);
                    if (size <= 0)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    Interlocked.Add(ref bytes, size);
                }
                catch (Exception exception)
                {
                    if (Interlocked.Increment(ref errors) <= 5)
                    {
                        Console.Error.WriteLine($"document {index}: {exception.GetType().Name}: {exception.Message}");
                    }
                }
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var finished = Interlocked.Increment(ref done);
                progress?.Invoke(finished, clock.Elapsed.TotalSeconds);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => Worker(w))));
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        double At(double q) => count == 0 ? 0 : latencies[Math.Min(count - 1, (int)(q * count))];
        var ok = count - errors;
        return new Result(count, seconds, At(0.50), At(0.95), ok > 0 ? bytes / 1024.0 / ok : 0, errors);
    }
}
