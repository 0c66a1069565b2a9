using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Scheduling.Api.Extensions;
using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Demo;

/// <summary>The migration step: a separate run of this program, so it can be a Kubernetes Job.</summary>
public static class SchedulingMigrator
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Skip(1).Where(a => a != "--seed-demo").ToArray());
        if (!builder.HasRequiredMigrateSettings("scheduling"))
        {
            return RequiredSettings.ExitCode;
        }
        builder.AddSchedulingDatabase();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite.Scheduling.Migrator");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        logger.LogInformation("Applying {Count} migration(s) to {Database}", pending.Count, SchedulingServiceExtensions.DatabaseName);
        await db.Database.MigrateAsync();
        return 0;
    }
}
