using System.Text.RegularExpressions;

namespace CrmSuite.ChartTests;

/// <summary>
/// The settings the chart sets are the names the services read (one name everywhere), the secrets
/// they reference exist, and the hooks run in the order the migrations need.
/// </summary>
public sealed partial class ChartSettingsTests
{
    /// <summary>Every variable a workload's container gets: its ConfigMap's keys and its env entries.</summary>
    private static Dictionary<string, object?> Settings(IReadOnlyList<Manifest> manifests, Manifest workload)
    {
        var container = workload.List("spec", "template", "spec", "containers").First();
        var settings = new Dictionary<string, object?>();
        foreach (var source in Node.List(container, "envFrom"))
        {
            var configMap = manifests.Single(m => m.Kind == "ConfigMap" && m.Name == Node.Text(source, "configMapRef", "name"));
            foreach (var (key, value) in configMap.Map("data"))
            {
                settings[(string)key] = value;
            }
        }
        foreach (var variable in Node.List(container, "env"))
        {
            settings[Node.Text(variable, "name")] = Node.Get(variable, "value") ?? Node.Get(variable, "valueFrom");
        }
        return settings;
    }

    [Fact]
    public async Task Every_service_gets_its_database_issuer_listening_addresses_and_callees()
    {
        var manifests = await Chart.RenderAsync("minimal-values.yaml");
        var databases = new Dictionary<string, string>
        {
            ["identity"] = "identitydb", ["audit"] = "auditdb", ["clients"] = "clientsdb", ["warehouse"] = "warehousedb",
            ["scheduling"] = "schedulingdb", ["documents"] = "documentsdb", ["kpi"] = "kpidb",
        };
        foreach (var deployment in manifests.Where(m => m.Kind == "Deployment"))
        {
            var settings = Settings(manifests, deployment);
            Assert.Equal("https://crm.example.com", settings["Identity__Issuer"]);
            Assert.Equal("http://+:8080", settings["Kestrel__Endpoints__http__Url"]);
            Assert.Equal("http://+:8081", settings["Kestrel__Endpoints__grpc__Url"]);
            if (databases.TryGetValue(deployment.Name, out var database))
            {
                Assert.Contains($"Database={database};", (string)settings[$"ConnectionStrings__{database}"]!);
                Assert.Equal("http://127.0.0.1:50001", settings["DAPR_GRPC_ENDPOINT"]);
                Assert.Equal("pubsub", settings["Messaging__PubSubName"]);
            }
            if (deployment.Name != "identity")
            {
                // Token validation and integration-client checks go to identity's internal address.
                Assert.Equal("http://identity:8080", settings["services__identity__http__0"]);
            }
        }
        var audit = Settings(manifests, manifests.Single(m => m is { Kind: "Deployment", Name: "audit" }));
        Assert.Contains("Username=$(AUDIT_WRITER_USERNAME);Password=$(AUDIT_WRITER_PASSWORD)", (string)audit["ConnectionStrings__auditdb"]!);
        var identity = Settings(manifests, manifests.Single(m => m is { Kind: "Deployment", Name: "identity" }));
        Assert.Contains("Identity__Keys__SigningRsaPem", identity.Keys);
        Assert.Contains("Identity__Keys__EncryptionKey", identity.Keys);
        var gateway = Settings(manifests, manifests.Single(m => m is { Kind: "Deployment", Name: "gateway" }));
        Assert.Contains("Identity__Clients__Gateway__Secret", gateway.Keys);
        foreach (var service in new[] { "clients", "identity", "audit", "warehouse", "scheduling", "documents", "kpi" })
        {
            Assert.Equal($"http://{service}:8081", gateway[$"services__{service}__grpc__0"]);
        }
        var documents = Settings(manifests, manifests.Single(m => m is { Kind: "Deployment", Name: "documents" }));
        Assert.Equal("http://warehouse:8081", documents["Warehouse__GrpcAddress"]);
    }

    [Fact]
    public async Task The_migrations_get_what_their_migrate_step_reads()
    {
        var manifests = await Chart.RenderAsync("minimal-values.yaml");
        var identity = Settings(manifests, manifests.Single(m => m is { Kind: "Job", Name: "identity-migrate" }));
        Assert.Contains("Identity__Clients__Gateway__Secret", identity.Keys);
        Assert.Contains("Identity__Admin__Password", identity.Keys);
        Assert.Equal("https://crm.example.com", identity["Identity__Issuer"]);
        var audit = Settings(manifests, manifests.Single(m => m is { Kind: "Job", Name: "audit-migrate" }));
        Assert.Contains("Username=$(PG_USERNAME)", (string)audit["ConnectionStrings__auditdb-owner"]!);
        Assert.Contains("Audit__WriterPassword", audit.Keys);
        var clients = manifests.Single(m => m is { Kind: "Job", Name: "clients-migrate" }).List("spec", "template", "spec", "containers").Single();
        Assert.Equal(["dotnet", "CrmSuite.Clients.Api.dll", "migrate"], Node.List(clients, "command"));
        // Demo data only when asked for, and only for the services whose migrate loads it.
        var demo = await Chart.RenderAsync("cloudnativepg-values.yaml");
        Assert.Equal("--seed-demo", Node.List(demo.Single(m => m is { Kind: "Job", Name: "clients-migrate" }).List("spec", "template", "spec", "containers").Single(), "command").Last());
        Assert.Equal("migrate", Node.List(demo.Single(m => m is { Kind: "Job", Name: "kpi-migrate" }).List("spec", "template", "spec", "containers").Single(), "command").Last());
    }

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task Every_secret_a_pod_reads_is_rendered_by_the_chart_or_named_in_the_values(string scenario)
    {
        var manifests = await Chart.RenderAsync(scenario);
        var values = await File.ReadAllTextAsync(Chart.ScenarioPath(scenario), TestContext.Current.CancellationToken);
        var rendered = manifests.Where(m => m.Kind == "Secret").Select(m => m.Name).ToHashSet();
        var cloudNativePg = manifests.Any(m => m.Kind == "Cluster");
        foreach (var variable in manifests.Where(m => m.Kind is "Deployment" or "Job")
                     .SelectMany(m => m.List("spec", "template", "spec", "containers")).SelectMany(c => Node.List(c, "env")))
        {
            var secret = Node.Text(variable, "valueFrom", "secretKeyRef", "name");
            if (secret.Length == 0 || rendered.Contains(secret) || (cloudNativePg && secret == "crm-crmsuite-pg-app"))
            {
                continue;
            }
            Assert.True(values.Contains(secret, StringComparison.Ordinal), $"{Node.Text(variable, "name")} reads Secret {secret}, which nothing creates");
        }
    }

    [Fact]
    public async Task The_database_and_the_secrets_exist_before_the_migrations_run()
    {
        var manifests = await Chart.RenderAsync("cloudnativepg-values.yaml");
        int Weight(Manifest m) => int.Parse((string)m["metadata", "annotations", "helm.sh/hook-weight"]!, System.Globalization.CultureInfo.InvariantCulture);

        var cluster = manifests.Single(m => m.Kind == "Cluster");
        var secrets = manifests.Where(m => m.Kind == "Secret").ToList();
        var jobs = manifests.Where(m => m.Kind == "Job").ToList();
        // Identity's keys, the gateway's and the scheduling service's client secrets, the audit writer, the first administrator.
        Assert.Equal(5, secrets.Count);
        Assert.All(secrets, s => Assert.Equal("pre-install,pre-upgrade", s["metadata", "annotations", "helm.sh/hook"]));
        Assert.True(Weight(cluster) < secrets.Max(Weight) && secrets.Max(Weight) < jobs.Min(Weight));
        Assert.Equal(["auditdb", "clientsdb", "documentsdb", "gatewaydb", "kpidb", "schedulingdb", "warehousedb"],
            manifests.Where(m => m.Kind == "Database").Select(m => (string)m["spec", "name"]!).Order());
        Assert.Equal("identitydb", cluster["spec", "bootstrap", "initdb", "database"]);
        // The services connect to the cluster's read-write Service with the operator's app credentials.
        var kpi = manifests.Single(m => m is { Kind: "Deployment", Name: "kpi" }).List("spec", "template", "spec", "containers").Single();
        Assert.StartsWith("Host=crm-crmsuite-pg-rw;", Node.Text(Node.List(kpi, "env").Single(e => Node.Text(e, "name") == "ConnectionStrings__kpidb"), "value"));
    }

    [Fact]
    public async Task Secrets_named_in_the_values_are_used_and_none_is_generated_for_them()
    {
        var manifests = await Chart.RenderAsync("production-values.yaml");

        Assert.Equal(["crm-crmsuite-admin", "crm-crmsuite-audit-writer"], manifests.Where(m => m.Kind == "Secret").Select(m => m.Name).Order());
        var identity = manifests.Single(m => m is { Kind: "Deployment", Name: "identity" }).List("spec", "template", "spec", "containers").Single();
        Assert.Equal("crmsuite-identity-keys", Node.Text(Node.List(identity, "env").Single(e => Node.Text(e, "name") == "Identity__Keys__SigningRsaPem"), "valueFrom", "secretKeyRef", "name"));
    }

    [Fact]
    public async Task The_chart_README_lists_exactly_the_settings_the_chart_sets()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Chart.Directory, "README.md"), TestContext.Current.CancellationToken);
        var table = readme[readme.IndexOf("## Settings the chart sets", StringComparison.Ordinal)..];
        var documented = SettingRow().Matches(table).Select(m => m.Groups[1].Value).ToHashSet();
        var set = new HashSet<string>();
        var extra = new HashSet<string>();
        foreach (var scenario in Chart.Scenarios)
        {
            var manifests = await Chart.RenderAsync(scenario);
            foreach (var workload in manifests.Where(m => m.Kind is "Deployment" or "Job"))
            {
                set.UnionWith(Settings(manifests, workload).Keys);
            }
            extra.UnionWith(ExtraEnvName().Matches(await File.ReadAllTextAsync(Chart.ScenarioPath(scenario), TestContext.Current.CancellationToken)).Select(m => m.Groups[1].Value));
        }
        set.ExceptWith(extra);

        Assert.Empty(set.Except(documented).Order());
        Assert.Empty(documented.Except(set).Order());
    }

    [GeneratedRegex(@"^\| `([A-Za-z_][-A-Za-z0-9_]*)` \|", RegexOptions.Multiline)]
    private static partial Regex SettingRow();

    [GeneratedRegex(@"- name: ([A-Za-z_][A-Za-z0-9_]*__[-A-Za-z0-9_]+)")]
    private static partial Regex ExtraEnvName();
}
