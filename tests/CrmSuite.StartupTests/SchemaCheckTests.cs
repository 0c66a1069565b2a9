using System.Net;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CrmSuite.StartupTests;

/// <summary>
/// A service refuses to serve against a schema older than its own (a rolled-back database, a
/// migration hook that failed): /health is unhealthy, so Kubernetes keeps the pod out of its Service,
/// requests get 503 with the one line that says what to run, and after `migrate` the same process serves.
/// </summary>
public sealed class SchemaCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_against_a_database_one_migration_behind_is_unhealthy_and_refuses_until_migrate_has_run()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("clientsdb");
        var dll = ProductionServices.Dll("clients");
        var migrate = new Dictionary<string, string> { ["ConnectionStrings__clientsdb"] = database };
        await using (var migration = new ServiceProcess(dll, migrate, "migrate"))
        {
            await migration.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }
        var (previous, latest) = await RollBackOneMigrationAsync(database);

        var settings = ProductionServices.Settings("clients", out var http);
        settings["ConnectionStrings__clientsdb"] = database;
        await using var clients = new ServiceProcess(dll, settings);
        using var web = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        clients.Start();
        var line = $"database clientsdb is at migration {previous}, this version needs {latest}: run `clients migrate`";
        await UntilAsync(() => clients.Output.Contains(line, StringComparison.Ordinal), clients);

        using (var health = await web.GetAsync(new Uri(http, "/health"), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        using (var alive = await web.GetAsync(new Uri(http, "/alive"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        using (var refused = await web.GetAsync(new Uri(http, "/v1/companies"), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains(line, await refused.Content.ReadAsStringAsync(Ct));
        }

        await using (var migration = new ServiceProcess(dll, migrate, "migrate"))
        {
            await migration.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }

        // The same process, not restarted: healthy, and a request reaches the service (which asks for a token).
        await clients.WaitHealthyAsync(web, new Uri(http, "/health"), TimeSpan.FromSeconds(30));
        using var served = await web.GetAsync(new Uri(http, "/v1/companies"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, served.StatusCode);
        // Logged once when the state changed, not at every request or probe (the health checks log their own failures).
        Assert.True(Count(clients.Output, "fail: CrmSuite.BuildingBlocks.Configuration.SchemaCheck") == 1, clients.Output);
    }

    /// <summary>Reverts the newest migration (its Down), as a restore of the previous release's database would leave it.</summary>
    private static async Task<(string Previous, string Latest)> RollBackOneMigrationAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ClientsDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new ClientsDbContext(options);
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2], cancellationToken: Ct);
        Assert.Equal(migrations[^2], (await db.Database.GetAppliedMigrationsAsync(Ct)).Last());
        return (migrations[^2], migrations[^1]);
    }

    private static async Task UntilAsync(Func<bool> condition, ServiceProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(process.IsRunning, $"{process.Name} exited:\n{process.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"{process.Name} did not log the refusal:\n{process.Output}");
            await Task.Delay(100, Ct);
        }
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
