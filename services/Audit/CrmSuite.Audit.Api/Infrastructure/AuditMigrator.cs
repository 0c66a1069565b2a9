using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Audit.Api.Extensions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmSuite.Audit.Api.Infrastructure;

/// <summary>
/// The migration step: a separate run of this program (`migrate`), so it can be a Kubernetes hook
/// Job. It connects as the database owner (<c>ConnectionStrings:auditdb-owner</c>), applies the
/// migrations, then sets up the restricted role the service runs as (<see cref="WriterRole"/>).
/// </summary>
public static class AuditMigrator
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Skip(1).ToArray());
        if (!builder.HasRequiredMigrateSettings("audit"))
        {
            return RequiredSettings.ExitCode;
        }
        builder.AddAuditDatabase(AuditServiceExtensions.OwnerConnectionName);
        var writerPassword = builder.Configuration[WriterRole.PasswordKey];
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite.Audit.Migrator");
        if (string.IsNullOrEmpty(writerPassword))
        {
            logger.LogError("{Key} is not configured: the service's database role needs a password", WriterRole.PasswordKey);
            return 2;
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            logger.LogInformation("Applying {Count} migration(s) to {Database}", pending.Count, AuditServiceExtensions.DatabaseName);
            await db.Database.MigrateAsync();
        }

        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        await WriterRole.EnsureAsync(dataSource, writerPassword, logger, CancellationToken.None);
        return 0;
    }
}
