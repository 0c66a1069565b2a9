using System.Text.RegularExpressions;

namespace CrmSuite.ChartTests;

/// <summary>README.md's "Install on a company server" stays true: its values install, its Secrets have the keys the chart reads.</summary>
public sealed partial class ReadmeInstallTests
{
    private static async Task<string> SectionAsync()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Chart.RepositoryRoot, "README.md"), TestContext.Current.CancellationToken);
        var start = readme.IndexOf("## Install on a company server", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no section 'Install on a company server'");
        var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    [Fact]
    public async Task The_READMEs_values_example_passes_lint_and_renders_with_the_Secrets_it_creates()
    {
        var section = await SectionAsync();
        var values = YamlBlock().Match(section).Groups[1].Value;
        var file = Path.Combine(Directory.CreateTempSubdirectory("crmsuite-readme-").FullName, "values.yaml");
        await File.WriteAllTextAsync(file, values, TestContext.Current.CancellationToken);
        try
        {
            var lint = await Chart.HelmAsync("lint", "--strict", Chart.Directory, "-f", file);
            Assert.True(lint.ExitCode == 0, lint.Output + lint.Error);
            var template = await Chart.HelmAsync(Chart.TemplateArguments("-f", file));
            Assert.True(template.ExitCode == 0, template.Error);

            // Every key the pods read from a Secret the README tells the admin to create is one it creates.
            var created = CreatedSecret().Matches(section).ToDictionary(
                m => m.Groups[1].Value,
                m => LiteralKey().Matches(m.Groups[2].Value).Select(k => k.Groups[1].Value).ToHashSet());
            Assert.Equal(["crmsuite-postgresql", "crmsuite-rabbitmq"], created.Keys.Order());
            var manifests = Manifest.ParseAll(template.Output);
            var references = manifests.Where(m => m.Kind is "Deployment" or "Job")
                .SelectMany(m => m.List("spec", "template", "spec", "containers")).SelectMany(c => Node.List(c, "env"))
                .Select(e => Node.Map(e, "valueFrom", "secretKeyRef"))
                .Concat(manifests.Where(m => m.Kind == "Component").SelectMany(m => m.List("spec", "metadata")).Select(i => Node.Map(i, "secretKeyRef")))
                .Where(r => r.Count > 0 && created.ContainsKey((string)r["name"]))
                .ToList();
            Assert.Contains(references, r => (string)r["name"] == "crmsuite-rabbitmq");
            Assert.All(references, r => Assert.Contains((string)r["key"], created[(string)r["name"]]));
            Assert.Contains("Identity__Issuer: \"https://crm.example.com\"", template.Output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"create secret generic (\S+)((?: --from-literal=\S+)+)")]
    private static partial Regex CreatedSecret();

    [GeneratedRegex(@"--from-literal=([^=\s]+)=")]
    private static partial Regex LiteralKey();
}
