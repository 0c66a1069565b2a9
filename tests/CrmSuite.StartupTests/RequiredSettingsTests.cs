using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Testing;

namespace CrmSuite.StartupTests;

/// <summary>
/// A service started in Production without a setting it needs stops at once with one line naming the
/// setting (and exit code 78), instead of running on a development default: a localhost address, a
/// throw-away key, a service-discovery guess, or an exception's stack trace later.
/// </summary>
public sealed class RequiredSettingsTests
{
    private static readonly TimeSpan Exits = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(ProductionServices.RequiredPairs), MemberType = typeof(ProductionServices))]
    public async Task A_service_without_a_required_setting_exits_with_one_line_naming_it(string service, string setting)
    {
        var settings = ProductionServices.Settings(service, out _);
        foreach (var name in setting.Split('|'))
        {
            settings.Remove(name);
        }
        await using var process = new ServiceProcess(ProductionServices.Dll(service), settings);

        var exitCode = await process.RunToExitAsync(Exits);

        Assert.True(exitCode == RequiredSettings.ExitCode, $"{service} exited with {exitCode}:\n{process.Output}");
        var line = Assert.Single(Lines(process.Output));
        Assert.Equal($"{service} cannot start: required setting {setting.Replace("|", " or ", StringComparison.Ordinal)} is not set "
            + "(environment Production; the names are those of charts/crmsuite/README.md, \"Settings the chart sets\").", line);
    }

    [Theory]
    [MemberData(nameof(ProductionServices.MigrateRequiredPairs), MemberType = typeof(ProductionServices))]
    public async Task A_migrate_step_without_a_required_setting_exits_with_one_line_naming_it(string service, string setting)
    {
        var settings = ProductionServices.MigrateSettings(service);
        settings.Remove(setting);
        await using var process = new ServiceProcess(ProductionServices.Dll(service), settings, "migrate");

        var exitCode = await process.RunToExitAsync(Exits);

        Assert.True(exitCode == RequiredSettings.ExitCode, $"{service} migrate exited with {exitCode}:\n{process.Output}");
        Assert.Equal($"{service} migrate cannot start: required setting {setting} is not set "
            + "(environment Production; the names are those of charts/crmsuite/README.md, \"Settings the chart sets\").", Assert.Single(Lines(process.Output)));
    }

    [Fact]
    public async Task The_audit_service_without_its_writer_password_exits_naming_the_variable_its_connection_string_lacks()
    {
        // The chart builds the connection string from $(AUDIT_WRITER_USERNAME) and $(AUDIT_WRITER_PASSWORD);
        // Kubernetes leaves a reference to an undefined variable as it is.
        var settings = ProductionServices.Settings("audit", out _);
        settings["ConnectionStrings__auditdb"] = "Host=db;Database=auditdb;Username=audit_writer;Password=$(AUDIT_WRITER_PASSWORD)";
        await using var process = new ServiceProcess(ProductionServices.Dll("audit"), settings);

        var exitCode = await process.RunToExitAsync(Exits);

        Assert.True(exitCode == RequiredSettings.ExitCode, $"audit exited with {exitCode}:\n{process.Output}");
        Assert.StartsWith("audit cannot start: required setting AUDIT_WRITER_PASSWORD (in ConnectionStrings__auditdb) is not set",
            Assert.Single(Lines(process.Output)));
    }

    [Theory]
    [MemberData(nameof(ProductionServices.Names), MemberType = typeof(ProductionServices))]
    public async Task With_every_required_setting_a_service_starts_in_Production_even_before_its_database_answers(string service)
    {
        var settings = ProductionServices.Settings(service, out var http);
        await using var process = new ServiceProcess(ProductionServices.Dll(service), settings);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };

        process.Start();
        await process.WaitHealthyAsync(probe, new Uri(http, "/alive"), TimeSpan.FromSeconds(90));

        Assert.DoesNotContain("cannot start", process.Output);
    }

    private static List<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
