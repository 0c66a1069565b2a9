using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmSuite.AuthorizationTests;

/// <summary>
/// A service that starts before its database answers (a restart of PostgreSQL, a pod scheduled
/// first) keeps running: its background workers retry instead of stopping the whole process.
/// </summary>
public sealed class UnreachableDatabaseTests
{
    [Fact]
    public async Task Every_service_keeps_running_while_its_database_does_not_answer()
    {
        await using var clients = ServiceHosts.ClientsWithoutDatabase();
        await using var identity = ServiceHosts.IdentityWithoutDatabase();
        await using var audit = ServiceHosts.AuditWithoutDatabase();
        await using var warehouse = ServiceHosts.WarehouseWithoutDatabase();
        await using var scheduling = ServiceHosts.SchedulingWithoutDatabase();
        await using var documents = ServiceHosts.DocumentsWithoutDatabase();
        await using var kpi = ServiceHosts.KpiWithoutDatabase();
        var lifetimes = new Dictionary<string, IHostApplicationLifetime>
        {
            [ServiceHosts.Clients] = Lifetime(clients),
            [ServiceHosts.Identity] = Lifetime(identity),
            [ServiceHosts.Audit] = Lifetime(audit),
            [ServiceHosts.Warehouse] = Lifetime(warehouse),
            [ServiceHosts.Scheduling] = Lifetime(scheduling),
            [ServiceHosts.Documents] = Lifetime(documents),
            [ServiceHosts.Kpi] = Lifetime(kpi),
        };

        // Every worker has made its first attempt at the database by now (they start with the host).
        await Task.Delay(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        var stopped = lifetimes.Where(l => l.Value.ApplicationStopping.IsCancellationRequested).Select(l => l.Key).ToList();
        Assert.True(stopped.Count == 0, "These services stopped themselves because their database did not answer: " + string.Join(", ", stopped));
    }

    private static IHostApplicationLifetime Lifetime<T>(WebApplicationFactory<T> factory) where T : class =>
        factory.Services.GetRequiredService<IHostApplicationLifetime>();
}
