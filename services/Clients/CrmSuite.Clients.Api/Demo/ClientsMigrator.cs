using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Clients.Api.Extensions;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Demo;

/// <summary>The migration step: a separate run of this program, so it can be a Kubernetes Job.</summary>
public static class ClientsMigrator
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Skip(1).Where(a => a != "--seed-demo").ToArray());
        if (!builder.HasRequiredMigrateSettings("clients"))
        {
            return RequiredSettings.ExitCode;
        }
        builder.AddClientsDatabase();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite.Clients.Migrator");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();

        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        logger.LogInformation("Applying {Count} migration(s) to {Database}", pending.Count, ClientsServiceExtensions.DatabaseName);
        await db.Database.MigrateAsync();

        if (args.Contains("--seed-demo"))
        {
            var added = await DemoData.SeedAsync(db, TimeProvider.System, CancellationToken.None);
            logger.LogInformation("Demo data: {Added} companies added", added);
        }
        return 0;
    }
}
