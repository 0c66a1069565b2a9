namespace CrmSuite.ChartTests;

/// <summary>
/// Every rendered manifest of every scenario against the Kubernetes 1.33 API schemas (npm
/// kubernetes-models), with unknown fields refused (validate/validate.mjs): what an API server would
/// reject or silently drop is found here, without a cluster.
/// </summary>
public sealed class KubernetesSchemaTests
{
    private static readonly Lazy<string> Validator = new(() =>
        Environment.GetEnvironmentVariable("CRMSUITE_CHART_VALIDATOR") is { Length: > 0 } configured ? configured : Chart.Prerequisite("ensure_chart_validator"));

    private static readonly string Script = Path.Combine(Chart.RepositoryRoot, "tests", "CrmSuite.ChartTests", "validate", "validate.mjs");

    [Fact]
    public async Task Every_manifest_of_every_scenario_is_valid_Kubernetes_1_33_without_unknown_fields()
    {
        var directory = Directory.CreateTempSubdirectory("crmsuite-chart-");
        try
        {
            var files = new List<string>();
            foreach (var scenario in Chart.Scenarios)
            {
                var file = Path.Combine(directory.FullName, scenario);
                await File.WriteAllTextAsync(file, await Chart.RenderTextAsync(scenario), TestContext.Current.CancellationToken);
                files.Add(file);
            }

            var validation = await Chart.RunAsync("node", [Script, Validator.Value, .. files]);

            Assert.True(validation.ExitCode == 0, validation.Output + validation.Error);
            Assert.Contains("not checked (custom resources): dapr.io/v1alpha1 Component, postgresql.cnpg.io/v1 Cluster, postgresql.cnpg.io/v1 Database", validation.Output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_validator_refuses_a_misspelt_field_and_a_wrong_type()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("crmsuite-chart-").FullName, "bad.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: bad }
            spec:
              replicas: two
              selector: { matchLabels: { app: bad } }
              template:
                metadata: { labels: { app: bad } }
                spec:
                  containers:
                    - name: bad
                      image: bad:1
                      securityContext: { readOnlyRootFileSystem: true }
            """, TestContext.Current.CancellationToken);

        var validation = await Chart.RunAsync("node", [Script, Validator.Value, file]);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);

        Assert.Equal(1, validation.ExitCode);
        Assert.Contains("/spec/template/spec/containers/0/securityContext/readOnlyRootFileSystem is not a field", validation.Output);
        Assert.Contains("/spec/replicas type", validation.Output);
    }
}
