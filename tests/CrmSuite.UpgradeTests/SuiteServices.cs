using CrmSuite.Testing;

namespace CrmSuite.UpgradeTests;

/// <summary>A service of the suite with a database: where it is built and what its `migrate` reads.</summary>
public sealed record SuiteService(string Name, string ProjectFolder, string AssemblyName, string Database, bool SeedDemo)
{
    public const string GatewaySecret = "upgrade-tests-gateway-secret";
    public const string AdminPassword = "Upgrade-Admin-2026";
    public const string WriterPassword = "upgrade-tests-writer";

    /// <summary>
    /// Every service with a database, as charts/crmsuite's catalogue has them, in the order the
    /// backup CronJob dumps them (producers of events first, their consumers kpi and audit last).
    /// </summary>
    public static IReadOnlyList<SuiteService> All { get; } =
    [
        new("identity", "identity/CrmSuite.Identity", "CrmSuite.Identity", "identitydb", false),
        new("clients", "services/Clients/CrmSuite.Clients.Api", "CrmSuite.Clients.Api", "clientsdb", true),
        new("warehouse", "services/Warehouse/CrmSuite.Warehouse.Api", "CrmSuite.Warehouse.Api", "warehousedb", true),
        new("scheduling", "services/Scheduling/CrmSuite.Scheduling.Api", "CrmSuite.Scheduling.Api", "schedulingdb", false),
        new("documents", "services/Documents/CrmSuite.Documents.Api", "CrmSuite.Documents.Api", "documentsdb", true),
        new("kpi", "services/Kpi/CrmSuite.Kpi.Api", "CrmSuite.Kpi.Api", "kpidb", false),
        new("audit", "services/Audit/CrmSuite.Audit.Api", "CrmSuite.Audit.Api", "auditdb", false),
    ];

    public static SuiteService Named(string name) => All.Single(s => s.Name == name);

    public string Dll => ServiceProcess.BuiltDll(ProjectFolder, AssemblyName);

    /// <summary>The migration ids in the source tree, oldest first (EF orders them by their time stamp).</summary>
    public IReadOnlyList<string> Migrations => Directory
        .GetFiles(Path.Combine(RepositoryPaths.Root, ProjectFolder), "*.cs", SearchOption.AllDirectories)
        .Where(f => f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Select(Path.GetFileNameWithoutExtension)
        .Where(n => n is { Length: > 15 } && n[..14].All(char.IsAsciiDigit) && n[14] == '_' && !n.Contains('.', StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList()!;

    /// <summary>
    /// The settings its `migrate` reads against <paramref name="database"/> (a connection string):
    /// audit's owner and its writer role's password, identity's client secret and first administrator.
    /// </summary>
    public Dictionary<string, string> MigrateSettings(string database, Uri issuer)
    {
        var settings = Common(issuer);
        switch (Name)
        {
            case "audit":
                settings["ConnectionStrings__auditdb-owner"] = database;
                settings["Audit__WriterPassword"] = WriterPassword;
                break;
            case "identity":
                settings["ConnectionStrings__identitydb"] = database;
                settings["Identity__Clients__Gateway__Secret"] = GatewaySecret;
                settings["Identity__Admin__Password"] = AdminPassword;
                break;
            default:
                settings[$"ConnectionStrings__{Database}"] = database;
                break;
        }
        return settings;
    }

    /// <summary>Runs `migrate` (with `--seed-demo` when asked) to completion.</summary>
    public async Task MigrateAsync(string database, Uri issuer, bool seedDemo = false)
    {
        await using var migrate = new ServiceProcess(Dll, MigrateSettings(database, issuer), seedDemo ? ["migrate", "--seed-demo"] : ["migrate"]);
        await migrate.RunToCompletionAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>Tokens signed by <see cref="TestTokens"/>, validated against the test issuer's keys.</summary>
    public static Dictionary<string, string> Common(Uri issuer) => new()
    {
        ["Identity__Issuer"] = TestTokens.Issuer,
        ["Identity__InternalUrl"] = issuer.ToString(),
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
