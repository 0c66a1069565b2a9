using System.Text.RegularExpressions;
using CrmSuite.Testing;

namespace CrmSuite.Clients.UnitTests;

/// <summary>
/// The repository explains itself: its READMEs point only at files inside it, and
/// docs/architecture.md's event catalogue names every topic the code publishes, so the
/// architecture cannot drift from the code unnoticed. Reads files only (no build outputs).
/// </summary>
public sealed partial class RepositoryDocumentationTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string[] Readmes = ["README.md", "bench/README.md"];
    private static readonly string[] SourceFolders = ["services", "identity", "gateway", "AppHost"];

    [Fact]
    public void The_readmes_point_only_at_files_inside_the_repository()
    {
        var outside = new List<string>();
        foreach (var readme in Readmes)
        {
            var folder = Path.GetDirectoryName(Path.Combine(Root, readme))!;
            foreach (var (line, number) in File.ReadLines(Path.Combine(Root, readme)).Select((l, i) => (l, i + 1)))
            {
                foreach (Match link in MarkdownLink().Matches(line))
                {
                    var target = link.Groups["target"].Value;
                    if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                        || target.StartsWith('#'))
                    {
                        continue;
                    }
                    var path = Path.GetFullPath(Path.Combine(folder, target.Split('#')[0]));
                    if (!Inside(path) || !(File.Exists(path) || Directory.Exists(path)))
                    {
                        outside.Add($"{readme}:{number}: link to {target}");
                    }
                }
                foreach (Match path in RelativePath().Matches(line))
                {
                    if (!Inside(Path.GetFullPath(Path.Combine(folder, path.Value))))
                    {
                        outside.Add($"{readme}:{number}: path {path.Value}");
                    }
                }
                foreach (Match document in MarkdownFileName().Matches(line))
                {
                    if (!RepositoryMarkdown.Value.Contains(document.Value))
                    {
                        outside.Add($"{readme}:{number}: {document.Value} is not in the repository");
                    }
                }
            }
        }
        Assert.True(outside.Count == 0, "Pointers outside the repository:\n" + string.Join("\n", outside));
    }

    [Fact]
    public void Every_published_topic_is_in_the_event_catalogue()
    {
        var catalogue = EventCatalogue();
        var missing = TopicDefinitions().Select(d => d.Topic).Distinct().Where(topic => !catalogue.Contains(topic)).ToList();
        Assert.True(missing.Count == 0, "Topics published in code but missing from docs/architecture.md's event catalogue: " + string.Join(", ", missing));
        // And the catalogue lists nothing the code does not publish (a renamed topic must be renamed there too).
        var published = TopicDefinitions().Select(d => d.Topic).ToHashSet();
        var stale = catalogue.Where(topic => !published.Contains(topic)).ToList();
        Assert.True(stale.Count == 0, "Topics in the event catalogue that no code publishes: " + string.Join(", ", stale));
    }

    [Fact]
    public void Each_integration_event_topic_is_defined_once_by_its_producer()
    {
        var twice = TopicDefinitions().GroupBy(d => d.Topic).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => d.File))}").ToList();
        Assert.True(twice.Count == 0, "Topics defined more than once (consumers must reference the producer's contract):\n" + string.Join("\n", twice));
    }

    /// <summary>
    /// Files that still write audit events their own way; each is named with its change in the
    /// issue's hand-over to the lead (they were being edited in parallel). Remove a line once its file is switched.
    /// </summary>
    [Fact]
    public void Audit_events_are_written_only_through_the_messaging_building_block()
    {
        const string Messaging = "services/BuildingBlocks/CrmSuite.BuildingBlocks/Messaging/";
        const string Subscriber = "services/Audit/CrmSuite.Audit.Api/IntegrationEvents/AuditSubscription.cs";
        var elsewhere = SourceFiles()
            .Where(file => !file.StartsWith(Messaging, StringComparison.Ordinal) && file != Subscriber)
            .SelectMany(file => File.ReadLines(Path.Combine(Root, file)).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => x.line.Contains("AuditEvent.Topic", StringComparison.Ordinal)
                || x.line.Contains("new AuditEvent(", StringComparison.Ordinal)
                || x.line.Contains("INSERT INTO outbox_messages", StringComparison.OrdinalIgnoreCase))
            .Select(x => $"{x.file}:{x.number}: {x.line.Trim()}")
            .ToList();
        Assert.True(elsewhere.Count == 0,
            "Audit events written around the building block (use db.Audit(AuditEvent.From/BySystem(...)), OutboxGroupWriter.AuditReadAsync or OutboxSql):\n"
            + string.Join("\n", elsewhere));
    }

    private static bool Inside(string fullPath) =>
        fullPath.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static readonly Lazy<HashSet<string>> RepositoryMarkdown = new(() =>
        Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)!);

    /// <summary>The topics in the backticked first column of docs/architecture.md's "Event catalogue" table.</summary>
    private static HashSet<string> EventCatalogue()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));
        var start = text.IndexOf("## Event catalogue", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/architecture.md has no '## Event catalogue' section.");
        var next = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = next < 0 ? text[start..] : text[start..next];
        return CatalogueRow().Matches(section).Select(m => m.Groups["topic"].Value).ToHashSet(StringComparer.Ordinal);
    }

    private static List<(string Topic, string File)> TopicDefinitions() =>
        SourceFiles()
            .SelectMany(file => TopicConstant().Matches(File.ReadAllText(Path.Combine(Root, file))).Select(m => (m.Groups["topic"].Value, file)))
            .ToList();

    /// <summary>The C# sources of the services, repository-relative with '/' separators.</summary>
    private static IEnumerable<string> SourceFiles() =>
        SourceFolders.SelectMany(folder => SourceTree.CSharpFiles(Path.Combine(Root, folder)).Select(f => $"{folder}/{f}"));

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    /// <summary>A path written out that climbs above its folder, e.g. <c>../shared/ARCHITECTURE.md</c>.</summary>
    [GeneratedRegex(@"(?<![\w/.])(\.\./)+[\w./-]+")]
    private static partial Regex RelativePath();

    /// <summary>A Markdown file named in the text (FEASIBILITY.md), which must then be one of the repository's.</summary>
    [GeneratedRegex(@"\b[\w-]+\.md\b")]
    private static partial Regex MarkdownFileName();

    [GeneratedRegex(@"^\|\s*`(?<topic>[a-z0-9.-]+)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();

    [GeneratedRegex(@"const\s+string\s+Topic\s*=\s*""(?<topic>[^""]+)""")]
    private static partial Regex TopicConstant();
}
