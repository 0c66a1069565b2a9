using System.Security.Cryptography;
using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Testing;

namespace CrmSuite.StartupTests;

/// <summary>
/// Each CrmSuite program as the chart runs it: its own process from its build output, in Production,
/// with a value for every setting it requires (a database that does not answer unless a test gives a real one).
/// </summary>
public static class ProductionServices
{
    public const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=1";

    private static readonly Dictionary<string, string> Projects = new()
    {
        ["identity"] = "identity/CrmSuite.Identity",
        ["audit"] = "services/Audit/CrmSuite.Audit.Api",
        ["clients"] = "services/Clients/CrmSuite.Clients.Api",
        ["warehouse"] = "services/Warehouse/CrmSuite.Warehouse.Api",
        ["scheduling"] = "services/Scheduling/CrmSuite.Scheduling.Api",
        ["documents"] = "services/Documents/CrmSuite.Documents.Api",
        ["kpi"] = "services/Kpi/CrmSuite.Kpi.Api",
        ["gateway"] = "gateway/CrmSuite.Gateway",
    };

    public static TheoryData<string> Names => new(Projects.Keys);

    /// <summary>Every (service, required setting) pair, by the setting's first name.</summary>
    public static TheoryData<string, string> RequiredPairs => new(RequiredSettings.ByService
        .SelectMany(service => service.Value.Select(setting => (service.Key, setting))));

    /// <summary>Every (service, setting its `migrate` requires) pair.</summary>
    public static TheoryData<string, string> MigrateRequiredPairs => new(RequiredSettings.ForMigrate
        .SelectMany(service => service.Value.Select(setting => (service.Key, setting))));

    /// <summary>Every setting the `migrate` of <paramref name="service"/> requires, with a usable value.</summary>
    public static Dictionary<string, string> MigrateSettings(string service) =>
        RequiredSettings.ForMigrate[service].ToDictionary(setting => setting, setting => ValueFor(setting));

    public static string Dll(string service) => ServiceProcess.BuiltDll(Projects[service], Path.GetFileName(Projects[service]));

    /// <summary>Every required setting of <paramref name="service"/> with a usable value, and free ports to listen on.</summary>
    public static Dictionary<string, string> Settings(string service, out Uri http)
    {
        var settings = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__CrmSuite"] = "Information",
        };
        foreach (var setting in RequiredSettings.ByService[service])
        {
            var name = setting.Split('|')[0];
            settings[name] = ValueFor(name);
        }
        http = new Uri($"http://127.0.0.1:{PostgresServer.FreePort()}");
        settings["Kestrel__Endpoints__http__Url"] = http.ToString();
        settings["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{PostgresServer.FreePort()}";
        return settings;
    }

    private static string ValueFor(string name) => name switch
    {
        _ when name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) => UnreachableDatabase,
        "Identity__Keys__SigningRsaPem" => RSA.Create(2048).ExportRSAPrivateKeyPem(),
        "Identity__Keys__EncryptionKey" => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        "Identity__Clients__Gateway__Secret" => "startup-tests-gateway-secret",
        "Audit__WriterPassword" => "startup-tests-writer",
        // The issuer, the sidecar, service discovery and gRPC addresses: nothing needs to answer there for a start.
        _ => "http://127.0.0.1:1",
    };
}
