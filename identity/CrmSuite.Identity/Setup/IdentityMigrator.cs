using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Identity.Extensions;

namespace CrmSuite.Identity.Setup;

/// <summary>The migration step (`migrate`): a separate run of this program, so it can be a Kubernetes Job.</summary>
public static class IdentityMigrator
{
    /// <summary>Applies the schema and seeds roles, the gateway's client and the first administrator.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Skip(1).ToArray());
        if (!builder.HasRequiredMigrateSettings("identity"))
        {
            return RequiredSettings.ExitCode;
        }
        builder.AddIdentityDatabase();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySetup>().RunAsync(CancellationToken.None);
        return 0;
    }
}
