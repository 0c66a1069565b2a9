using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Kpi.Api.Extensions;
using CrmSuite.Kpi.Api.Facts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Kpi.Api.Infrastructure;

/// <summary>
/// The migration step (<c>migrate</c>), a separate run of this program so it can be a Kubernetes
/// Job; and <c>rebuild</c>, which recomputes the daily projection and the funnel's stage entries from all facts (after a restore,
/// or a change to how facts are summed).
/// </summary>
public static class KpiMigrator
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Skip(1).ToArray());
        if (!builder.HasRequiredMigrateSettings("kpi", args[0]))
        {
            return RequiredSettings.ExitCode;
        }
        builder.AddKpiDatabase();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite.Kpi.Migrator");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KpiDbContext>();
        if (args.FirstOrDefault() == "rebuild")
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var (facts, rows) = await DailyProjection.RebuildAsync(db, CancellationToken.None);
            var entries = await Overview.FunnelProjection.RebuildAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
            logger.LogInformation("Rebuilt the daily projection: {Facts} counted fact(s) in {Rows} row(s); the funnel: {Entries} stage entries", facts, rows, entries);
            return 0;
        }
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        logger.LogInformation("Applying {Count} migration(s) to {Database}", pending.Count, KpiServiceExtensions.DatabaseName);
        await db.Database.MigrateAsync();
        return 0;
    }
}
