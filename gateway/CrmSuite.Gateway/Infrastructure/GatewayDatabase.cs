using CrmSuite.BuildingBlocks.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Gateway.Infrastructure;

public static class GatewayDatabase
{
    public const string Name = "gatewaydb";

    /// <summary>The gateway's database, and its data-protection keys kept there (one key ring for every replica).</summary>
    public static IHostApplicationBuilder AddGatewayDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(Name)
            ?? throw new InvalidOperationException($"Connection string '{Name}' is not configured (ConnectionStrings__{Name}).");
        // The factory serves the singleton session store; the context itself (scoped) the key ring.
        builder.Services.AddDbContextFactory<GatewayDb>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention());
        builder.Services.AddHealthChecks().AddDbContextCheck<GatewayDb>(Name);
        // The application name, not the content root (the default), decides who reads the keys:
        // every replica, wherever its files are, is the same application.
        builder.Services.AddDataProtection().SetApplicationName("crmsuite-gateway").PersistKeysToDbContext<GatewayDb>();
        return builder;
    }

    /// <summary>The migration step (<c>migrate</c>): a separate run of this program, so it can be a Kubernetes Job.</summary>
    public static async Task<int> MigrateAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Skip(1).ToArray());
        if (!builder.HasRequiredMigrateSettings("gateway"))
        {
            return RequiredSettings.ExitCode;
        }
        builder.AddGatewayDatabase();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite.Gateway.Migrator");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<GatewayDb>>().CreateDbContextAsync();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        logger.LogInformation("Applying {Count} migration(s) to {Database}", pending.Count, Name);
        await db.Database.MigrateAsync();
        return 0;
    }
}
