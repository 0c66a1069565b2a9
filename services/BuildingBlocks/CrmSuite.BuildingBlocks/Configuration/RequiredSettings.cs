using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CrmSuite.BuildingBlocks.Configuration;

/// <summary>
/// The settings a service cannot run without outside Development, by the names the chart sets them
/// (environment variables: <c>__</c> is <c>:</c>). <c>A|B</c>: either one will do. A service started
/// without one writes one line naming it and exits with <see cref="ExitCode"/> instead of falling
/// back to a development default (localhost addresses, throw-away keys, service-discovery guesses).
/// </summary>
public static partial class RequiredSettings
{
    /// <summary>EX_CONFIG of sysexits.h: a configuration error.</summary>
    public const int ExitCode = 78;

    private const string IdentityInternal = "services__identity__http__0|Identity__InternalUrl";

    private static readonly string[] Sidecar = ["DAPR_HTTP_ENDPOINT", "DAPR_GRPC_ENDPOINT"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByService = new Dictionary<string, IReadOnlyList<string>>
    {
        ["identity"] = ["Identity__Issuer", "ConnectionStrings__identitydb", "Identity__Keys__SigningRsaPem", "Identity__Keys__EncryptionKey", .. Sidecar],
        ["audit"] = ["Identity__Issuer", IdentityInternal, "ConnectionStrings__auditdb"],
        ["clients"] = ["Identity__Issuer", IdentityInternal, "ConnectionStrings__clientsdb", .. Sidecar],
        ["warehouse"] = ["Identity__Issuer", IdentityInternal, "ConnectionStrings__warehousedb", .. Sidecar, "Clients__GrpcAddress"],
        ["scheduling"] = ["Identity__Issuer", IdentityInternal, "ConnectionStrings__schedulingdb", .. Sidecar, "Clients__GrpcAddress",
            "Scheduling__Channels__PublicBaseUrl"],
        ["documents"] = ["Identity__Issuer", IdentityInternal, "ConnectionStrings__documentsdb", .. Sidecar, "Clients__GrpcAddress",
            "Scheduling__GrpcAddress", "Warehouse__GrpcAddress"],
        ["kpi"] = ["Identity__Issuer", IdentityInternal, "ConnectionStrings__kpidb", .. Sidecar],
        // The gateway's YARP clusters and UI gRPC clients reach every service by service discovery.
        ["gateway"] = ["ConnectionStrings__gatewaydb", "Identity__Issuer", "Identity__Clients__Gateway__Secret",
            .. new[] { "clients", "identity", "audit", "warehouse", "scheduling", "documents", "kpi" }
                .SelectMany(service => new[] { $"services__{service}__http__0", $"services__{service}__grpc__0" })],
    };

    /// <summary>
    /// What each program's <c>migrate</c> (the chart's hook Job) cannot run without: the database it
    /// migrates, as its owner, and for audit the password its restricted writer role gets.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ForMigrate = new Dictionary<string, IReadOnlyList<string>>
    {
        ["identity"] = ["ConnectionStrings__identitydb"],
        ["audit"] = ["ConnectionStrings__auditdb-owner", "Audit__WriterPassword"],
        ["clients"] = ["ConnectionStrings__clientsdb"],
        ["warehouse"] = ["ConnectionStrings__warehousedb"],
        ["scheduling"] = ["ConnectionStrings__schedulingdb"],
        ["documents"] = ["ConnectionStrings__documentsdb"],
        ["kpi"] = ["ConnectionStrings__kpidb"],
        ["gateway"] = ["ConnectionStrings__gatewaydb"],
    };

    /// <summary>
    /// Outside Development: false (after writing the one line to standard error) when a setting of
    /// <paramref name="service"/> is missing; the program then returns <see cref="ExitCode"/>.
    /// </summary>
    public static bool HasRequiredSettings(this IHostApplicationBuilder builder, string service) =>
        builder.Has(service, ByService[service]);

    /// <summary>
    /// The same for a command of the program (<c>migrate</c>, kpi's <c>rebuild</c>): the settings of
    /// <see cref="ForMigrate"/>, and the line names the command (<c>clients migrate cannot start: …</c>).
    /// </summary>
    public static bool HasRequiredMigrateSettings(this IHostApplicationBuilder builder, string service, string command = "migrate") =>
        builder.Has($"{service} {command}", ForMigrate[service]);

    private static bool Has(this IHostApplicationBuilder builder, string program, IEnumerable<string> settings)
    {
        if (builder.Environment.IsDevelopment())
        {
            return true;
        }
        var missing = Missing(builder.Configuration, settings);
        if (missing.Count == 0)
        {
            return true;
        }
        Console.Error.WriteLine(
            $"{program} cannot start: required setting{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} "
            + $"{(missing.Count == 1 ? "is" : "are")} not set (environment {builder.Environment.EnvironmentName}; "
            + "the names are those of charts/crmsuite/README.md, \"Settings the chart sets\").");
        return false;
    }

    /// <summary>
    /// The settings without a value. A value that still holds a Kubernetes <c>$(NAME)</c> reference
    /// names NAME: Kubernetes expands a reference to a defined variable and leaves the others as they are
    /// (e.g. the audit writer's password in its connection string, from a Secret that lacks the key).
    /// </summary>
    public static IReadOnlyList<string> Missing(IConfiguration configuration, IEnumerable<string> settings)
    {
        var missing = new List<string>();
        foreach (var setting in settings)
        {
            var names = setting.Split('|');
            var value = names.Select(name => configuration[name.Replace("__", ":", StringComparison.Ordinal)])
                .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (value is null)
            {
                missing.Add(string.Join(" or ", names));
                continue;
            }
            missing.AddRange(Reference().Matches(value)
                .Select(m => $"{m.Groups[1].Value} (in {names[0]})"));
        }
        return missing;
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
