using System.Diagnostics;
using System.Text.Json;
using CrmSuite.Testing;

namespace CrmSuite.UpgradeTests;

/// <summary>
/// EF Core's own migration tool (the ef.dll of the repository's pinned dotnet-ef, what `dotnet ef
/// database update` runs) against a service's build output: `database update &lt;migration&gt;`
/// brings a database to exactly that migration, i.e. the schema an earlier release shipped.
/// </summary>
public static class EfTool
{
    private static readonly Lazy<string> Path_ = new(Find);

    public static async Task UpdateAsync(SuiteService service, string migration, string connectionString)
    {
        var output = Path.GetDirectoryName(service.Dll)!;
        var project = Path.Combine(RepositoryPaths.Root, service.ProjectFolder);
        var nuget = NuGetRoot();
        string[] arguments =
        [
            "exec", "--depsfile", Path.Combine(output, service.AssemblyName + ".deps.json"),
            "--additionalprobingpath", nuget,
            "--runtimeconfig", Path.Combine(output, service.AssemblyName + ".runtimeconfig.json"),
            Path_.Value, "database", "update", migration,
            "--assembly", service.Dll, "--startup-assembly", service.Dll,
            "--project-dir", project + Path.DirectorySeparatorChar, "--working-dir", project,
            "--root-namespace", service.AssemblyName, "--language", "C#", "--framework", "net10.0",
            "--connection", connectionString,
        ];
        var (exitCode, text) = await RunAsync("dotnet", arguments, output);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ef database update {migration} for {service.Name} exited with {exitCode}:\n{text}");
        }
    }

    private static string NuGetRoot() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>ef.dll of the dotnet-ef version dotnet-tools.json pins (restored by `dotnet tool restore` when missing).</summary>
    private static string Find()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "dotnet-tools.json")));
        var version = manifest.RootElement.GetProperty("tools").GetProperty("dotnet-ef").GetProperty("version").GetString()!;
        var package = Path.Combine(NuGetRoot(), "dotnet-ef", version);
        if (!Directory.Exists(package))
        {
            var (exitCode, text) = RunAsync("dotnet", ["tool", "restore"], RepositoryPaths.Root).GetAwaiter().GetResult();
            if (exitCode != 0)
            {
                throw new InvalidOperationException("dotnet tool restore failed:\n" + text);
            }
        }
        return Directory.GetFiles(package, "ef.dll", SearchOption.AllDirectories)
            .OrderByDescending(f => f.Length)
            .FirstOrDefault() ?? throw new FileNotFoundException($"ef.dll not found under {package}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
