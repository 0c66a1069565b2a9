using System.Net.Http.Headers;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Testing;

namespace CrmSuite.UpgradeTests;

/// <summary>
/// The services a backup's data is made and checked with, each its own process on one PostgreSQL
/// cluster: audit (as its append-only role), the pub/sub emulator delivering to it and to kpi,
/// clients, warehouse and scheduling (which publish through their outboxes) and kpi (which makes
/// facts of their events). Callers use the services' REST APIs with tokens of a director, a
/// storekeeper and an auditor.
/// </summary>
public sealed class RunningSuite : IAsyncDisposable
{
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(90);
    public static readonly TestUser Storekeeper = new("storekeeper-1", "Кладовщик", ClientVisibility.All,
        [Permissions.WarehouseRead, Permissions.WarehouseWrite, Permissions.WarehouseCatalog, Permissions.ClientsRead], [], []);
    /// <summary>The director, who also plans work and sets up the bonus schemes.</summary>
    public static readonly TestUser Director = TestUser.Director with
    {
        Granted = [.. TestUser.Director.Granted, Permissions.SchedulingRead, Permissions.SchedulingWrite, Permissions.SchedulingAll,
            Permissions.KpiRead, Permissions.KpiConfigure],
    };

    private readonly List<ServiceProcess> _processes = [];
    private readonly List<HttpClient> _clients = [];

    private RunningSuite()
    {
    }

    public HttpClient Clients { get; private set; } = null!;

    public HttpClient Warehouse { get; private set; } = null!;

    public HttpClient Audit { get; private set; } = null!;

    public HttpClient Scheduling { get; private set; } = null!;

    public HttpClient Kpi { get; private set; } = null!;

    public string Output => string.Join("\n", _processes.Select(p => $"--- {p.Name}\n{p.Output}"));

    public static async Task<RunningSuite> StartAsync(PostgresServer postgres, Uri issuer)
    {
        var suite = new RunningSuite();
        try
        {
            await suite.StartProcessesAsync(postgres, issuer);
            return suite;
        }
        catch
        {
            await suite.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessesAsync(PostgresServer postgres, Uri issuer)
    {
        var (auditHttp, auditGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var (pubsubHttp, pubsubGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var (clientsHttp, clientsGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var (warehouseHttp, warehouseGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var (schedulingHttp, schedulingGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var (kpiHttp, kpiGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var sidecar = new Dictionary<string, string>
        {
            ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{pubsubHttp}",
            ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{pubsubGrpc}",
        };
        var started = new List<(ServiceProcess Process, int Port)>
        {
            (Process("audit", issuer, auditHttp, auditGrpc, new()
            {
                ["ConnectionStrings__auditdb"] = $"Host=127.0.0.1;Port={postgres.Port};Username=audit_writer;Password={SuiteService.WriterPassword};Database=auditdb",
            }), auditHttp),
            (new ServiceProcess(ServiceProcess.BuiltDll("AppHost/CrmSuite.PubSubEmulator", "CrmSuite.PubSubEmulator"), With(SuiteService.Common(issuer), new()
            {
                ["PubSub__Apps__audit"] = $"http://127.0.0.1:{auditHttp}",
                ["PubSub__Apps__kpi"] = $"http://127.0.0.1:{kpiHttp}",
                ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{pubsubHttp}",
                ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{pubsubGrpc}",
            })), pubsubHttp),
            (Process("clients", issuer, clientsHttp, clientsGrpc, With(sidecar, new()
            {
                ["ConnectionStrings__clientsdb"] = postgres.ConnectionString("clientsdb"),
            })), clientsHttp),
            (Process("warehouse", issuer, warehouseHttp, warehouseGrpc, With(sidecar, new()
            {
                ["ConnectionStrings__warehousedb"] = postgres.ConnectionString("warehousedb"),
                ["Clients__GrpcAddress"] = $"http://127.0.0.1:{clientsGrpc}",
            })), warehouseHttp),
            (Process("scheduling", issuer, schedulingHttp, schedulingGrpc, With(sidecar, new()
            {
                ["ConnectionStrings__schedulingdb"] = postgres.ConnectionString("schedulingdb"),
                ["Clients__GrpcAddress"] = $"http://127.0.0.1:{clientsGrpc}",
                ["Scheduling__Channels__PublicBaseUrl"] = "http://crm.test/",
                ["Scheduling__Reminders__PollInterval"] = "00:00:01",
            })), schedulingHttp),
            (Process("kpi", issuer, kpiHttp, kpiGrpc, With(sidecar, new()
            {
                ["ConnectionStrings__kpidb"] = postgres.ConnectionString("kpidb"),
            })), kpiHttp),
        };
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        foreach (var (process, _) in started)
        {
            _processes.Add(process);
            process.Start();
        }
        foreach (var (process, port) in started)
        {
            await process.WaitHealthyAsync(probe, new Uri($"http://127.0.0.1:{port}/health"), Healthy);
        }
        Clients = Client(clientsHttp, Director);
        Scheduling = Client(schedulingHttp, Director);
        Kpi = Client(kpiHttp, Director);
        Warehouse = Client(warehouseHttp, Storekeeper);
        Audit = Client(auditHttp, TestUser.Auditor);
    }

    private static ServiceProcess Process(string name, Uri issuer, int http, int grpc, Dictionary<string, string> settings) =>
        new(SuiteService.Named(name).Dll, With(With(SuiteService.Common(issuer), settings), new()
        {
            ["Kestrel__Endpoints__http__Url"] = $"http://127.0.0.1:{http}",
            ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{grpc}",
        }));

    private HttpClient Client(int port, TestUser user)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user, TimeSpan.FromHours(1)));
        _clients.Add(http);
        return http;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, Dictionary<string, string> more)
    {
        var all = new Dictionary<string, string>(common);
        foreach (var (key, value) in more)
        {
            all[key] = value;
        }
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _clients)
        {
            http.Dispose();
        }
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
