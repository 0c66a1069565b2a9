namespace CrmSuite.Testing;

public static class RepositoryPaths
{
    /// <summary>The folder holding CrmSuite.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string PostgresScript => Path.Combine(Root, "AppHost", "CrmSuite.AppHost", "postgres", "run-postgres.sh");

    private static string FindRoot()
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
