using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CrmSuite.Testing;

/// <summary>
/// A real, throw-away PostgreSQL cluster for one test process, started with the same script the
/// AppHost uses (fsync off: test data only). Each test class takes its own fresh database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Password = "crmsuite-tests";
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? _shared;
    private readonly bool _durable;
    private Process _process;
    private readonly string _dataDir;
    private int _databaseCounter;

    private PostgresServer(Process process, string dataDir, int port, bool durable)
    {
        _durable = durable;
        _process = process;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>
    /// Timeout 60 s: the light test assemblies run side by side with their own clusters on two cores,
    /// and a connection opened while the machine is that busy once took longer than Npgsql's 15 s default
    /// (CI, session 16: a fixture failed before its tests ran).
    /// </summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database};Timeout=60";

    /// <summary>
    /// One cluster per test process, stopped by <see cref="SharedPostgresLifetime"/> when the
    /// assembly's tests are done (and, as a fallback, when the process exits).
    /// </summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopSharedAsync().AsTask().GetAwaiter().GetResult();
            }
            return _shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Stops the shared cluster, if one was started, and deletes its data.</summary>
    public static async ValueTask StopSharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is not null)
            {
                await _shared.DisposeAsync();
                _shared = null;
            }
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A cluster of the caller's own, e.g. for a test that stops PostgreSQL. <paramref name="durable"/>
    /// keeps PostgreSQL's production settings (fsync on), for tests about what survives a crash.
    /// </summary>
    public static Task<PostgresServer> StartPrivateAsync(bool durable) =>
        StartAsync(Path.Combine(Path.GetTempPath(), $"crmsuite-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"), FreePort(), durable);

    /// <summary>
    /// PostgreSQL's immediate shutdown (SIGQUIT to the postmaster): every backend exits at once,
    /// nothing is flushed; the next start runs crash recovery from the WAL, as after a power cut.
    /// </summary>
    public async Task StopImmediatelyAsync()
    {
        var postmaster = int.Parse((await File.ReadAllLinesAsync(Path.Combine(_dataDir, "postmaster.pid")))[0], System.Globalization.CultureInfo.InvariantCulture);
        Process.Start("kill", ["-QUIT", postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("PostgreSQL did not stop on SIGQUIT.");
        }
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the cluster again on the same data and port (after <see cref="StopImmediatelyAsync"/>).</summary>
    public async Task RestartAsync()
    {
        var restarted = await StartAsync(_dataDir, Port, _durable);
        _process = restarted._process;
    }

    private static Task<PostgresServer> StartAsync() =>
        StartAsync(Path.Combine(Path.GetTempPath(), $"crmsuite-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"), FreePort(), durable: false);

    private static async Task<PostgresServer> StartAsync(string dataDir, int port, bool durable)
    {
        var start = new ProcessStartInfo("bash", [RepositoryPaths.PostgresScript, dataDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PGPORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["POSTGRES_PASSWORD"] = Password;
        start.Environment["PG_EPHEMERAL"] = durable ? "0" : "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start PostgreSQL.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PostgresServer(process, dataDir, port, durable);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited with code {process.ExitCode}:\n{output}");
            }
            try
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString("postgres") + ";Pooling=false;Timeout=2");
                await connection.OpenAsync();
                return server;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_durable && !_process.HasExited)
        {
            // Throw-away data: no shutdown checkpoint to wait for, the directory is deleted next.
            try
            {
                await StopImmediatelyAsync();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        if (!_process.HasExited)
        {
            // The script turns SIGTERM into PostgreSQL's fast shutdown.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        await Task.Yield();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
