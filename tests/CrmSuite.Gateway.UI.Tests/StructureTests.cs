using System.Reflection;
using CrmSuite.Gateway.UI.Api;
using Grpc.Core;
using Microsoft.AspNetCore.Components;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// The staff UI's shape as the style guide asks for it: pages and components reach the services
/// through the typed client layer (Api/), never a generated gRPC client of their own, so a refused
/// call becomes a message in one place; and no page's code grows past what one screen reads.
/// </summary>
public sealed class StructureTests
{
    private const int MaxCodeBlockLines = 150;

    private static readonly Assembly Ui = typeof(ServiceCall).Assembly;

    [Fact]
    public void No_component_or_service_outside_the_typed_client_layer_injects_a_generated_gRPC_client()
    {
        // What @inject and [Inject] compile to (an [Inject] property), and what a service's
        // constructor asks the container for: either way the type reaches a generated client.
        var offenders = Ui.GetTypes()
            .Where(type => type.Namespace != typeof(ServiceCall).Namespace && !IsCompilerGenerated(type))
            .SelectMany(type => InjectedClients(type).Select(client => $"{type.FullName} takes {client.FullName}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0,
            "Go through a typed client in gateway/CrmSuite.Gateway.UI/Api instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void No_razor_code_block_passes_150_lines()
    {
        var ui = Path.Combine(RepositoryRoot(), "gateway", "CrmSuite.Gateway.UI");
        var tooLong = Directory.EnumerateFiles(ui, "*.razor", SearchOption.AllDirectories)
            .Select(file => (File: Path.GetRelativePath(ui, file), Lines: CodeBlockLines(File.ReadAllLines(file))))
            .Where(found => found.Lines > MaxCodeBlockLines)
            .Select(found => $"{found.File}: {found.Lines} lines of @code (move them to a code-behind .razor.cs)")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }

    [Fact]
    public void The_code_block_count_runs_from_the_code_line_to_its_closing_brace()
    {
        string[] razor = ["<p>@x</p>", "", "@code {", "    private int x;", "", "    private void Y()", "    {", "    }", "}", ""];

        Assert.Equal(5, CodeBlockLines(razor));
        Assert.Equal(0, CodeBlockLines(["<p>markup only</p>"]));
    }

    private static IEnumerable<Type> InjectedClients(Type type)
    {
        const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var injected = type.GetProperties(Declared)
            .Where(property => property.GetCustomAttribute<InjectAttribute>() is not null)
            .Select(property => property.PropertyType);
        var constructed = type.GetConstructors(BindingFlags.Instance | BindingFlags.Public)
            .SelectMany(constructor => constructor.GetParameters())
            .Select(parameter => parameter.ParameterType);
        return injected.Concat(constructed).Where(IsGeneratedClient).Distinct();
    }

    private static bool IsGeneratedClient(Type type) =>
        type.IsSubclassOf(typeof(ClientBase))
        && type.Namespace is { } ns && ns.StartsWith("CrmSuite.", StringComparison.Ordinal) && ns.EndsWith(".Contracts", StringComparison.Ordinal)
        && type.Name.EndsWith("Client", StringComparison.Ordinal);

    private static bool IsCompilerGenerated(Type type) =>
        type.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null;

    /// <summary>The lines inside a component's <c>@code { … }</c> block (between its braces), 0 when it has none.</summary>
    private static int CodeBlockLines(IReadOnlyList<string> lines)
    {
        var start = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].TrimStart().StartsWith("@code", StringComparison.Ordinal))
            {
                start = i;
                break;
            }
        }
        if (start < 0)
        {
            return 0;
        }
        var depth = 0;
        for (var i = start; i < lines.Count; i++)
        {
            depth += lines[i].Count(c => c == '{') - lines[i].Count(c => c == '}');
            if (depth == 0 && i > start)
            {
                return i - start - 1;
            }
        }
        return lines.Count - start - 1;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmSuite.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CrmSuite.sln not found above " + AppContext.BaseDirectory);
    }
}
