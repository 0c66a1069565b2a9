using System.Text.RegularExpressions;
using CrmSuite.Testing;

namespace CrmSuite.Clients.UnitTests;

/// <summary>
/// Every service is laid out the same way (docs/architecture.md, "Layout of a service"), so a
/// newcomer who knows one service finds their way in the others. One case per API project, so a
/// failure names the service. Reads files only (no build outputs).
/// </summary>
public sealed partial class ServiceLayoutTests
{
    private const int MaxLines = 400;

    private static readonly string Root = RepositoryPaths.Root;

    /// <summary>The folders of a project that are not modules: no gRPC service belongs there.</summary>
    private static readonly string[] NotModules = ["Grpc", "Infrastructure", "Extensions", "Common", "Properties"];

    /// <summary>Every API project: services/*/CrmSuite.*.Api and identity/CrmSuite.Identity, repository-relative.</summary>
    public static TheoryData<string> ApiProjects()
    {
        var projects = Directory.EnumerateDirectories(Path.Combine(Root, "services"))
            .SelectMany(service => Directory.EnumerateDirectories(service, "CrmSuite.*.Api"))
            .Append(Path.Combine(Root, "identity", "CrmSuite.Identity"))
            .Select(Relative)
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(projects);
    }

    [Theory]
    [MemberData(nameof(ApiProjects))]
    public void Each_grpc_service_lives_in_its_module_folder(string project)
    {
        var grpcFolder = SourceFiles(project).Where(file => file.StartsWith("Grpc/", StringComparison.Ordinal)).ToList();
        Assert.True(grpcFolder.Count == 0,
            $"{project} has a Grpc/ folder (each gRPC service class belongs in its module's folder):\n" + string.Join("\n", grpcFolder));
        var misplaced = SourceFiles(project)
            .Where(file => GrpcServiceBase().IsMatch(Read(project, file)))
            .Where(file => file.IndexOf('/') < 0 || NotModules.Contains(file[..file.IndexOf('/')]))
            .ToList();
        Assert.True(misplaced.Count == 0,
            $"gRPC services of {project} outside a module folder:\n" + string.Join("\n", misplaced));
    }

    [Theory]
    [MemberData(nameof(ApiProjects))]
    public void No_source_file_is_longer_than_400_lines(string project)
    {
        var tooLong = SourceFiles(project)
            .Where(file => !file.Split('/').Contains("Migrations"))
            .Select(file => (file, lines: File.ReadLines(Path.Combine(Root, project, file)).Count()))
            .Where(x => x.lines > MaxLines)
            .Select(x => $"{project}/{x.file}: {x.lines} lines")
            .ToList();
        Assert.True(tooLong.Count == 0,
            $"Files over {MaxLines} lines (split them by area into partial files):\n" + string.Join("\n", tooLong));
    }

    [Theory]
    [MemberData(nameof(ApiProjects))]
    public void Entity_mappings_live_in_configuration_classes_in_infrastructure(string project)
    {
        var sources = SourceFiles(project).ToDictionary(file => file, file => Read(project, file));
        var contexts = sources.Values.SelectMany(text => DbContextDeclaration().Matches(text).Select(m => m.Groups["name"].Value)).ToHashSet();
        Assert.NotEmpty(contexts);
        var contextFiles = sources.Where(s => contexts.Any(name => Regex.IsMatch(s.Value, $@"\bclass\s+{name}\b"))).ToList();

        var problems = new List<string>();
        problems.AddRange(contextFiles.Where(f => !f.Key.StartsWith("Infrastructure/", StringComparison.Ordinal))
            .Select(f => $"{project}/{f.Key}: the DbContext belongs in Infrastructure/"));
        problems.AddRange(contextFiles.Where(f => f.Value.Contains(".Entity<", StringComparison.Ordinal))
            .Select(f => $"{project}/{f.Key}: maps entities with .Entity<...>; use an IEntityTypeConfiguration in Infrastructure/Configurations/"));
        problems.AddRange(sources.Where(s => EntityConfiguration().IsMatch(s.Value)
                && !s.Key.StartsWith("Infrastructure/Configurations/", StringComparison.Ordinal))
            .Select(s => $"{project}/{s.Key}: an IEntityTypeConfiguration outside Infrastructure/Configurations/"));
        Assert.True(problems.Count == 0, "Entity mappings out of place:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(ApiProjects))]
    public void Extensions_holds_only_the_service_registration(string project)
    {
        var name = Path.GetFileName(project).Split('.')[1];
        var folder = Path.Combine(Root, project, "Extensions");
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
        Assert.Equal([$"{name}ServiceExtensions.cs"], files);
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string Read(string project, string file) => File.ReadAllText(Path.Combine(Root, project, file));

    /// <summary>The project's C# sources, relative to the project with '/' separators.</summary>
    private static IEnumerable<string> SourceFiles(string project) => SourceTree.CSharpFiles(Path.Combine(Root, project));

    /// <summary>A class deriving from a generated gRPC service base: <c>: Contracts.Deals.DealsBase</c>, <c>: AuditLog.AuditLogBase</c>.</summary>
    [GeneratedRegex(@"class\s+\w+[^{;]*?:\s*(?:\w+\.)*(?<service>\w+)\.\k<service>Base\b")]
    private static partial Regex GrpcServiceBase();

    /// <summary>A class deriving from DbContext or one of its subclasses (IdentityDbContext&lt;TUser&gt;).</summary>
    [GeneratedRegex(@"class\s+(?<name>\w+)\b[^{;]*?:\s*(?:\w+\.)*\w*DbContext\b")]
    private static partial Regex DbContextDeclaration();

    [GeneratedRegex(@"\bIEntityTypeConfiguration<")]
    private static partial Regex EntityConfiguration();
}
