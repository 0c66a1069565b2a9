namespace CrmSuite.Bench.Documents;

/// <summary>The command line of a loop: what to print or fetch, how many, how many at once.</summary>
public sealed record LoopOptions(
    string? Html, string Chromium, string? Url, string? Token, int Concurrency, int Warmup, int Count, int? Pid, int Progress, int SampleMs, int Batch = 1)
{
    public static LoopOptions Parse(string[] args) => new(
        Value(args, "--html"), Value(args, "--chromium") ?? "/usr/bin/chromium", Value(args, "--url"), Value(args, "--token"),
        Int(args, "--concurrency", 2), Int(args, "--warmup", 20), Int(args, "--count", 200),
        Value(args, "--pid") is { } pid ? int.Parse(pid) : null, Int(args, "--progress", 0), Int(args, "--sample-ms", 500),
        Int(args, "--batch", 1));

    public static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) => Value(args, name) is { } value ? int.Parse(value) : fallback;
}
