namespace CrmSuite.ChartTests;

/// <summary>
/// Backups (issue 15, item 6): the CronJob dumps every service's database with the chart's own
/// files/backup.sh into a claim, hardened like every pod, the owner's credentials by secretKeyRef only.
/// </summary>
public sealed class BackupChartTests
{
    private static readonly string[] Databases = ["auditdb", "crm_clients", "documentsdb", "identitydb", "kpidb", "schedulingdb", "warehousedb"];

    private static Dictionary<object, object> Pod(Manifest cronJob) => cronJob.Map("spec", "jobTemplate", "spec", "template", "spec");

    private static Dictionary<string, object?> Env(Dictionary<object, object> container) =>
        Node.List(container, "env").ToDictionary(e => Node.Text(e, "name"), e => Node.Get(e, "value") ?? Node.Get(e, "valueFrom"));

    private static async Task<IReadOnlyList<Manifest>> RenderWithAsync(string scenario, params string[] settings)
    {
        var result = await Chart.HelmAsync(Chart.TemplateArguments(["-f", Chart.ScenarioPath(scenario), .. settings.SelectMany(s => new[] { "--set", s })]));
        Assert.True(result.ExitCode == 0, result.Error);
        return Manifest.ParseAll(result.Output);
    }

    [Fact]
    public async Task The_production_install_dumps_every_database_nightly_into_a_kept_claim_with_the_charts_script()
    {
        var manifests = await Chart.RenderAsync("production-values.yaml");
        var cronJob = manifests.Single(m => m.Kind == "CronJob");

        Assert.Equal("15 1 * * *", cronJob["spec", "schedule"]);
        Assert.Equal("Europe/Moscow", cronJob["spec", "timeZone"]);
        Assert.Equal("Forbid", cronJob["spec", "concurrencyPolicy"]);
        var container = Node.List(Pod(cronJob), "containers").Cast<Dictionary<object, object>>().Single();
        Assert.Equal(["sh", "/scripts/backup.sh"], Node.List(container, "command").Cast<string>());
        var env = Env(container);
        // Every service's database, under the name the install gives it (clients is renamed there),
        // the consumers of the others' events (kpi, audit) last.
        Assert.Equal(Databases, ((string)env["BACKUP_DATABASES"]!).Split(' ').Order());
        Assert.Equal(["kpidb", "auditdb"], ((string)env["BACKUP_DATABASES"]!).Split(' ')[^2..]);
        Assert.Equal("30", env["BACKUP_RETENTION_DAYS"]);
        Assert.Equal("pg.example.internal", env["PGHOST"]);
        Assert.Equal("verify-full", env["PGSSLMODE"]);
        Assert.Equal("system", env["PGSSLROOTCERT"]);

        // The script the pod runs is files/backup.sh, the one the restore test runs.
        var script = manifests.Single(m => m.Kind == "ConfigMap" && m.Name == Node.Text(Node.List(Pod(cronJob), "volumes")
            .Single(v => Node.Text(v, "name") == "script"), "configMap", "name"));
        foreach (var name in new[] { "backup.sh", "restore.sh" })
        {
            var file = await File.ReadAllTextAsync(Path.Combine(Chart.Directory, "files", name), TestContext.Current.CancellationToken);
            Assert.Equal(file.TrimEnd(), ((string)script.Map("data")[name]).TrimEnd());
        }

        var claimName = Node.Text(Node.List(Pod(cronJob), "volumes").Single(v => Node.Text(v, "name") == "backups"), "persistentVolumeClaim", "claimName");
        var claim = manifests.Single(m => m.Kind == "PersistentVolumeClaim" && m.Name == claimName);
        Assert.Equal("backup-nfs", claim["spec", "storageClassName"]);
        Assert.Equal("50Gi", claim["spec", "resources", "requests", "storage"]);
        Assert.Equal("keep", claim["metadata", "annotations", "helm.sh/resource-policy"]);
        Assert.Contains(Node.List(container, "volumeMounts"), m => Node.Text(m, "name") == "backups" && Node.Text(m, "mountPath") == (string)env["BACKUP_DIR"]!);
    }

    [Fact]
    public async Task The_backup_pod_runs_hardened_and_reads_the_password_only_from_the_Secret()
    {
        var manifests = await Chart.RenderAsync("production-values.yaml");
        var pod = Pod(manifests.Single(m => m.Kind == "CronJob"));
        Assert.Equal("true", Node.Text(pod, "securityContext", "runAsNonRoot"));
        Assert.Equal("RuntimeDefault", Node.Text(pod, "securityContext", "seccompProfile", "type"));
        Assert.Equal("false", Node.Text(pod, "automountServiceAccountToken"));
        var container = Node.List(pod, "containers").Cast<Dictionary<object, object>>().Single();
        Assert.Equal("true", Node.Text(container, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", Node.Text(container, "securityContext", "allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], Node.List(container, "securityContext", "capabilities", "drop"));
        Assert.True(Node.Map(container, "resources", "limits").ContainsKey("memory"));
        Assert.True(Node.Map(container, "resources", "requests").ContainsKey("memory"));
        var tmp = Node.List(container, "volumeMounts").Single(m => Node.Text(m, "mountPath") == "/tmp");
        Assert.Contains(Node.List(pod, "volumes"), v => Node.Text(v, "name") == Node.Text(tmp, "name") && Node.Get(v, "emptyDir") is not null);
        var image = Node.Text(container, "image");
        Assert.Matches(@"^docker\.io/library/postgres:\d+\.\d+", image);

        var env = Env(container);
        Assert.Equal("crmsuite-postgresql", Node.Text(env["PG_PASSWORD"], "secretKeyRef", "name"));
        Assert.Equal("pass", Node.Text(env["PG_PASSWORD"], "secretKeyRef", "key"));
        Assert.Equal("user", Node.Text(env["PG_USERNAME"], "secretKeyRef", "key"));
        Assert.Equal("$(PG_PASSWORD)", env["PGPASSWORD"]);
        Assert.Equal("$(PG_USERNAME)", env["PGUSER"]);

        // With egress limited, the pod reaches DNS and the site's PostgreSQL, and nobody reaches it.
        var policy = manifests.Single(m => m.Kind == "NetworkPolicy" && Node.Text(m.Root, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name") == "backup");
        Assert.Empty(policy.List("spec", "ingress"));
        Assert.Contains(policy.List("spec", "egress"), r => Node.List(r, "ports").Any(p => Node.Text(p, "port") == "53"));
        Assert.Contains(policy.List("spec", "egress"), r => Node.List(r, "to").Any(p => Node.Text(p, "ipBlock", "cidr") == "10.20.0.5/32"));
    }

    [Fact]
    public async Task Backups_are_off_by_default_and_take_an_existing_claim_or_the_CloudNativePG_cluster()
    {
        Assert.DoesNotContain(await Chart.RenderAsync("minimal-values.yaml"), m => m.Kind is "CronJob" or "PersistentVolumeClaim");

        var own = await RenderWithAsync("minimal-values.yaml", "backup.enabled=true", "backup.persistence.existingClaim=nfs-backups");
        Assert.DoesNotContain(own, m => m.Kind == "PersistentVolumeClaim");
        var pod = Pod(own.Single(m => m.Kind == "CronJob"));
        Assert.Equal("nfs-backups", Node.Text(Node.List(pod, "volumes").Single(v => Node.Text(v, "name") == "backups"), "persistentVolumeClaim", "claimName"));

        var cnpg = await RenderWithAsync("cloudnativepg-values.yaml", "backup.enabled=true");
        var env = Env(Node.List(Pod(cnpg.Single(m => m.Kind == "CronJob")), "containers").Cast<Dictionary<object, object>>().Single());
        Assert.Equal("crm-crmsuite-pg-rw", env["PGHOST"]);
        Assert.Equal("require", env["PGSSLMODE"]);
        Assert.Equal("crm-crmsuite-pg-app", Node.Text(env["PG_PASSWORD"], "secretKeyRef", "name"));
        Assert.Equal(Databases.Select(d => d == "crm_clients" ? "clientsdb" : d).Order(), ((string)env["BACKUP_DATABASES"]!).Split(' ').Order());
    }

    [Theory]
    [InlineData("backup.retention=7", "retention")]
    [InlineData("backup.retentionDays=-1", "retentionDays")]
    [InlineData("backup.image.tag=latest", "tag")]
    [InlineData("backup.schedule=nightly", "schedule")]
    public async Task The_schema_refuses_a_misspelt_or_wrong_backup_setting(string setting, string named)
    {
        var result = await Chart.HelmAsync(Chart.TemplateArguments("-f", Chart.ScenarioPath("minimal-values.yaml"), "--set", "backup.enabled=true", "--set", setting));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }
}
