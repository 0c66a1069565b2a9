using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;

[assembly: AssemblyFixture(typeof(CrmSuite.EndToEndTests.SuiteFixture))]

namespace CrmSuite.EndToEndTests;

/// <summary>
/// The whole suite as the AppHost runs it (PostgreSQL from the OS, migration step, services,
/// gateway), started once for this test assembly on a throw-away data directory.
/// </summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"crmsuite-e2e-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The suite is not started.");

    public HttpClient Gateway { get; private set; } = null!;

    public GrpcChannel GatewayGrpc { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrmSuite_AppHost>(
        [
            $"--Postgres:DataDirectory={_dataDir}",
            "--Postgres:Ephemeral=true",
            "--Postgres:Password=e2e-tests",
        ]);
        _app = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(cts.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);

        Gateway = _app.CreateHttpClient("gateway", "http");
        GatewayGrpc = GrpcChannel.ForAddress(_app.GetEndpoint("gateway", "grpc"));
    }

    public async ValueTask DisposeAsync()
    {
        GatewayGrpc?.Dispose();
        Gateway?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
            File.Delete(_dataDir + ".password");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
