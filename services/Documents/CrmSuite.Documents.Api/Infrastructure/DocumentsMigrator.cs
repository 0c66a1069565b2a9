using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Documents.Api.Extensions;
using CrmSuite.Documents.Api.Templates;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Infrastructure;

/// <summary>The migration step: a separate run of this program, so it can be a Kubernetes Job.</summary>
public static class DocumentsMigrator
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Skip(1).Where(a => a != "--seed-demo").ToArray());
        if (!builder.HasRequiredMigrateSettings("documents"))
        {
            return RequiredSettings.ExitCode;
        }
        builder.AddDocumentsDatabase();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmSuite.Documents.Migrator");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        logger.LogInformation("Applying {Count} migration(s) to {Database}", pending.Count, DocumentsServiceExtensions.DatabaseName);
        await db.Database.MigrateAsync();
        var seeded = await BuiltInTemplates.SeedAsync(db, TimeProvider.System, CancellationToken.None);
        logger.LogInformation("Seeded {Count} built-in template(s)", seeded);
        if (args.Contains("--seed-demo") && await Organisations.DemoOrganisation.SeedAsync(db, TimeProvider.System, CancellationToken.None))
        {
            logger.LogInformation("Seeded the demo organisation");
        }
        return 0;
    }
}
