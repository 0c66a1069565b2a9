using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Warehouse.Api.Alerts;
using CrmSuite.Warehouse.Api.Auditing;
using CrmSuite.Warehouse.Api.Extensions;
using CrmSuite.Warehouse.Api.Infrastructure;
using CrmSuite.Warehouse.Api.Ledger;
using CrmSuite.Warehouse.Api.Reservations;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Warehouse.Api.Demo;

/// <summary>The migration step: a separate run of this program, so it can be a Kubernetes Job.</summary>
public static class WarehouseMigrator
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Skip(1).Where(a => a != "--seed-demo").ToArray());
        if (!builder.HasRequiredMigrateSettings("warehouse"))
        {
            return RequiredSettings.ExitCode;
        }
        builder.AddWarehouseDatabase();
        builder.Services.AddOptions<FlagOptions>().BindConfiguration(FlagOptions.Section);
        builder.Services.AddOptions<ReservationOptions>().BindConfiguration(ReservationOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<FlagRules>();
        builder.Services.AddScoped<PostingEngine>();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite.Warehouse.Migrator");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseDbContext>();

        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        logger.LogInformation("Applying {Count} migration(s) to {Database}", pending.Count, WarehouseServiceExtensions.DatabaseName);
        await db.Database.MigrateAsync();

        if (args.Contains("--seed-demo"))
        {
            var added = await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<PostingEngine>(), TimeProvider.System, CancellationToken.None);
            logger.LogInformation("Demo data: {Added} products added", added);
        }
        return 0;
    }
}
