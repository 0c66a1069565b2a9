namespace CrmSuite.ChartTests;

/// <summary>What an IT admin runs first: lint, render, and the mistakes the chart must refuse clearly.</summary>
public sealed class ChartRenderingTests
{
    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task Helm_lint_strict_passes_for_the_scenario(string scenario)
    {
        var result = await Chart.HelmAsync("lint", "--strict", Chart.Directory, "-f", Chart.ScenarioPath(scenario));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
    }

    [Theory]
    [MemberData(nameof(Chart.ScenarioData), MemberType = typeof(Chart))]
    public async Task The_scenario_renders_every_service_for_Kubernetes_1_33(string scenario)
    {
        var manifests = await Chart.RenderAsync(scenario);

        string[] services = ["identity", "audit", "clients", "warehouse", "scheduling", "documents", "kpi", "gateway"];
        Assert.Equal(services.Order(), manifests.Where(m => m.Kind == "Deployment").Select(m => m.Name).Order());
        Assert.Equal(services.Order(), manifests.Where(m => m.Kind == "Service").Select(m => m.Name).Order());
        // One migration Job per service with a database, run by Helm before install and upgrade.
        var jobs = manifests.Where(m => m.Kind == "Job").ToList();
        Assert.Equal(services.Select(s => s + "-migrate").Order(), jobs.Select(j => j.Name).Order());
        Assert.All(jobs, job => Assert.Equal("pre-install,pre-upgrade", job["metadata", "annotations", "helm.sh/hook"]));
        Assert.Single(manifests, m => m.Kind == "Component");
    }

    [Theory]
    [InlineData("services.clinets.replicas=2", "clinets")]
    [InlineData("ingress.tls.clusterIsuer=letsencrypt", "clusterIsuer")]
    [InlineData("postgresql.external.sslmode=Require", "sslmode")]
    [InlineData("pubsub.type=kafka", "/pubsub/type")]
    public Task A_misspelt_or_unknown_value_is_refused_by_the_schema_naming_it(string setting, string named) =>
        AssertRefusedAsync("minimal-values.yaml", setting, "schema", named);

    [Fact]
    public void Every_object_of_the_values_schema_refuses_keys_it_does_not_name()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Chart.Directory, "values.schema.json")))!;
        var open = new List<string>();
        void Walk(System.Text.Json.Nodes.JsonNode? node, string path)
        {
            if (node is System.Text.Json.Nodes.JsonObject map)
            {
                if (map.ContainsKey("properties") && map["additionalProperties"]?.GetValueKind() != System.Text.Json.JsonValueKind.False)
                {
                    open.Add(path);
                }
                foreach (var (key, child) in map)
                {
                    Walk(child, path + "/" + key);
                }
            }
            else if (node is System.Text.Json.Nodes.JsonArray list)
            {
                foreach (var child in list)
                {
                    Walk(child, path + "/[]");
                }
            }
        }

        Walk(schema, "");

        Assert.Empty(open);
        Assert.Equal(System.Text.Json.JsonValueKind.False, schema["additionalProperties"]!.GetValueKind());
    }

    [Fact]
    public Task An_image_tagged_latest_is_refused() =>
        AssertRefusedAsync("minimal-values.yaml", "services.kpi.tag=latest", "/services/kpi/tag");

    [Theory]
    [InlineData("publicUrl=", "publicUrl")]
    [InlineData("postgresql.external.host=", "postgresql.external.host")]
    [InlineData("postgresql.external.existingSecret=", "postgresql.external.existingSecret")]
    [InlineData("pubsub.rabbitmq.existingSecret=", "pubsub.rabbitmq.existingSecret")]
    public Task An_install_without_a_required_setting_fails_naming_it(string setting, string named) =>
        AssertRefusedAsync("minimal-values.yaml", setting, named);

    [Fact]
    public Task Ingress_TLS_without_a_certificate_source_fails_naming_both_options() =>
        AssertRefusedAsync("ingress-tls-values.yaml", "ingress.tls.clusterIssuer=", "ingress.tls.clusterIssuer", "ingress.tls.existingSecret");

    /// <summary>The scenario with one setting changed does not render, and the error names what is wrong.</summary>
    private static async Task AssertRefusedAsync(string scenario, string setting, params string[] named)
    {
        // Existing identity keys: generating the 4096-bit RSA key costs a second of CPU per render, and
        // these renders are about the refusal only.
        var result = await Chart.HelmAsync(Chart.TemplateArguments("-f", Chart.ScenarioPath(scenario),
            "--set", "secrets.identityKeys.existingSecret=identity-keys", "--set", setting));

        Assert.NotEqual(0, result.ExitCode);
        Assert.All(named, text => Assert.Contains(text, result.Error));
    }

    [Fact]
    public async Task NOTES_tell_how_to_read_the_first_administrators_password_without_printing_it()
    {
        var result = await Chart.HelmAsync(
            "install", "crm", Chart.Directory, "--dry-run=client", "--namespace", "crm", "-f", Chart.ScenarioPath("minimal-values.yaml"));

        Assert.True(result.ExitCode == 0, result.Error);
        var notes = result.Output[result.Output.IndexOf("NOTES:", StringComparison.Ordinal)..];
        Assert.Contains("kubectl get secret --namespace crm crm-crmsuite-admin", notes);
        Assert.Contains("base64 -d", notes);
        // The dry run prints the hooks (the generated Secrets among them) before the manifest.
        var hooks = result.Output[(result.Output.IndexOf("HOOKS:\n", StringComparison.Ordinal) + 7)..result.Output.IndexOf("MANIFEST:", StringComparison.Ordinal)];
        var secret = Manifest.ParseAll(hooks)
            .Single(m => m is { Kind: "Secret", Name: "crm-crmsuite-admin" });
        var password = Node.Decode((string)secret["data", "password"]!);
        Assert.Matches("^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9]).{10,}$", password);
        Assert.DoesNotContain(password, notes);
    }
}
