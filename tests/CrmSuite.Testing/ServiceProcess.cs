using System.Diagnostics;
using System.Text;

namespace CrmSuite.Testing;

/// <summary>
/// A CrmSuite service run as its own OS process from its build output (<c>dotnet X.dll</c>, working
/// directory = the output folder so its appsettings.json is found), for tests that kill it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public ServiceProcess(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is not built: build the solution first.", dll);
        }
        _dll = dll;
        _environment = environment;
        _arguments = arguments;
    }

    public string Name => Path.GetFileNameWithoutExtension(_dll);

    /// <summary>The output folder of a project under the repository, for the test's own configuration.</summary>
    public static string BuiltDll(string projectFolder, string assemblyName)
    {
        var configuration = typeof(ServiceProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
        return Path.Combine(RepositoryPaths.Root, projectFolder, "bin", configuration, "net10.0", assemblyName + ".dll");
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts it and waits for it to end by itself (a start that must fail); its exit code.</summary>
    public async Task<int> RunToExitAsync(TimeSpan timeout)
    {
        Start();
        using var cancel = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", [_dll, .. _arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_dll}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Runs to completion (e.g. <c>migrate</c>) and fails with the output when it fails.</summary>
    public async Task RunToCompletionAsync(TimeSpan timeout)
    {
        Start();
        using var cancel = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cancel.Token);
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name} {string.Join(' ', _arguments)} exited with {_process.ExitCode}:\n{Output}");
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, in-flight requests and transactions are cut off.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, failing with the output if the process dies.</summary>
    public async Task WaitHealthyAsync(HttpClient http, Uri url, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"{Name} exited while starting:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or busy starting.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not become healthy at {url} within {timeout}:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            // Keep the tail only: a long test must not hold every log line.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
