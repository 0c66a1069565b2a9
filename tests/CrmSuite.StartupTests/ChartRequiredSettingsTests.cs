using System.Text.RegularExpressions;
using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.ChartTests;

namespace CrmSuite.StartupTests;

/// <summary>
/// One name everywhere: in every scenario of charts/crmsuite/ci, each Deployment sets every setting its
/// service requires (RequiredSettings.ByService, the list the service checks at start), under the same
/// name, and every $(VAR) a value refers to is defined in the same container, so Kubernetes expands it.
/// </summary>
public sealed partial class ChartRequiredSettingsTests
{
    public static TheoryData<string> Scenarios => Chart.ScenarioData;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_deployment_sets_every_setting_its_service_requires(string scenario)
    {
        var manifests = await Chart.RenderAsync(scenario);
        var deployments = manifests.Where(m => m.Kind == "Deployment").ToList();
        Assert.Equal(RequiredSettings.ByService.Keys.Order(), deployments.Select(d => d.Name).Order());
        foreach (var deployment in deployments)
        {
            var settings = Settings(manifests, deployment);
            var missing = RequiredSettings.ByService[deployment.Name]
                .Where(setting => !setting.Split('|').Any(settings.ContainsKey))
                .ToList();
            Assert.True(missing.Count == 0, $"{scenario}: the chart does not set {string.Join(", ", missing)} for {deployment.Name}");
            var undefined = settings.Values.OfType<string>()
                .SelectMany(value => Reference().Matches(value).Select(m => m.Groups[1].Value))
                .Where(name => !settings.ContainsKey(name))
                .ToList();
            Assert.True(undefined.Count == 0, $"{scenario}: {deployment.Name} refers to undefined {string.Join(", ", undefined)}");
        }
    }

    /// <summary>A container's variables: its ConfigMaps' keys and its env entries (value or valueFrom).</summary>
    private static Dictionary<string, object?> Settings(IReadOnlyList<Manifest> manifests, Manifest workload)
    {
        var container = workload.List("spec", "template", "spec", "containers").First();
        var settings = Node.List(container, "envFrom")
            .Select(source => manifests.Single(m => m.Kind == "ConfigMap" && m.Name == Node.Text(source, "configMapRef", "name")))
            .SelectMany(configMap => configMap.Map("data"))
            .ToDictionary(entry => (string)entry.Key, entry => (object?)entry.Value);
        foreach (var variable in Node.List(container, "env"))
        {
            settings[Node.Text(variable, "name")] = Node.Get(variable, "value") ?? Node.Get(variable, "valueFrom");
        }
        return settings;
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
