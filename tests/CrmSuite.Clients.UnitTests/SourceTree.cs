namespace CrmSuite.Clients.UnitTests;

internal static class SourceTree
{
    /// <summary>The C# sources below <paramref name="folder"/>, relative to it with '/' separators, build outputs left out.</summary>
    public static IEnumerable<string> CSharpFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !("/" + f).Contains("/bin/", StringComparison.Ordinal) && !("/" + f).Contains("/obj/", StringComparison.Ordinal));
}
