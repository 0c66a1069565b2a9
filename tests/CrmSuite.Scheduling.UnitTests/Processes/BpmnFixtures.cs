namespace CrmSuite.Scheduling.UnitTests.Processes;

internal static class BpmnFixtures
{
    public static string Read(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Processes", "Fixtures", path));
}
