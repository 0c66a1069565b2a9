using System.Text.RegularExpressions;

namespace CrmSuite.ChartTests;

/// <summary>
/// deploy/docker/&lt;service&gt;.Dockerfile cannot be built here (no Docker engine): what can be checked is
/// that each one publishes the project whose program the chart runs, as the image's non-root user.
/// </summary>
public sealed partial class ImageTests
{
    [Fact]
    public async Task Every_service_has_a_multi_stage_non_root_Dockerfile_that_publishes_the_program_the_chart_runs()
    {
        var manifests = await Chart.RenderAsync("minimal-values.yaml");
        foreach (var deployment in manifests.Where(m => m.Kind == "Deployment"))
        {
            var path = Path.Combine(Chart.RepositoryRoot, "deploy", "docker", deployment.Name + ".Dockerfile");
            Assert.True(File.Exists(path), $"{path} is missing");
            var dockerfile = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

            Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", dockerfile);
            Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0$", dockerfile);
            Assert.Matches(@"(?m)^USER \$APP_UID$", dockerfile);
            var project = Publish().Match(dockerfile).Groups[1].Value;
            Assert.True(File.Exists(Path.Combine(Chart.RepositoryRoot, project)), $"{deployment.Name}: {project} does not exist");
            var dll = Entrypoint().Match(dockerfile).Groups[1].Value;
            Assert.Equal(Path.GetFileNameWithoutExtension(project) + ".dll", dll);
            // The image's user is the one the chart runs the pods as.
            Assert.Equal("1654", Node.Text(deployment.Root, "spec", "template", "spec", "securityContext", "runAsUser"));

            var migration = manifests.SingleOrDefault(m => m.Kind == "Job" && m.Name == deployment.Name + "-migrate");
            if (migration is not null)
            {
                Assert.Equal(["dotnet", dll, "migrate"], Node.List(migration.List("spec", "template", "spec", "containers").Single(), "command"));
            }
        }
    }

    [Fact]
    public async Task The_documents_image_has_Chromium_where_the_chart_tells_the_service_to_find_it()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Chart.RepositoryRoot, "deploy", "docker", "documents.Dockerfile"), TestContext.Current.CancellationToken);
        var settings = (await Chart.RenderAsync("minimal-values.yaml")).Single(m => m is { Kind: "ConfigMap", Name: "documents-settings" });

        Assert.Contains("install --with-deps chromium", dockerfile);
        Assert.Contains($"ln -s \"$(ls -d /opt/ms-playwright/chromium-*/chrome-linux*/chrome | head -n 1)\" {settings["data", "Documents__Rendering__ChromiumPath"]}", dockerfile);
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex Publish();

    [GeneratedRegex(@"(?m)^ENTRYPOINT \[""dotnet"", ""([^""]+)""\]$")]
    private static partial Regex Entrypoint();
}
