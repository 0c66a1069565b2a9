using CrmSuite.BuildingBlocks.Configuration;
using CrmSuite.Audit.Api.Alerts;
using CrmSuite.Audit.Api.Chain;
using CrmSuite.Audit.Api.Entries;
using CrmSuite.Audit.Api.Infrastructure;
using CrmSuite.Audit.Api.IntegrationEvents;
using CrmSuite.BuildingBlocks.Grpc;
using CrmSuite.BuildingBlocks.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmSuite.Audit.Api.Extensions;

public static class AuditServiceExtensions
{
    /// <summary>The runtime connection: the restricted role (INSERT and SELECT on the log, nothing more).</summary>
    public const string DatabaseName = "auditdb";

    /// <summary>The migration step's connection: the database owner (creates the schema and the restricted role).</summary>
    public const string OwnerConnectionName = "auditdb-owner";

    public static IHostApplicationBuilder AddAuditServices(this IHostApplicationBuilder builder)
    {
        builder.AddAuditDatabase(DatabaseName);
        builder.AddCrmAuthentication();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AlertRule>();
        builder.Services.AddSingleton<AuditChain>();
        builder.Services.AddSingleton<GroupCommit>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupCommit>());
        builder.Services.AddSingleton<ChainVerifier>();
        builder.Services.AddSingleton<AuditorActions>();
        builder.Services.AddScoped<AuditQueries>();
        builder.Services.AddSingleton<AuditEventHandler>();
        builder.Services.AddCrmGrpc();
        builder.Services.AddHealthChecks().AddDbContextCheck<AuditDbContext>(DatabaseName);
        builder.Services.AddSchemaCheck<AuditDbContext>(DatabaseName, "audit");
        return builder;
    }

    /// <summary>One Npgsql data source for the connection; EF Core and the hand-written SQL share its pool.</summary>
    public static IHostApplicationBuilder AddAuditDatabase(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured (ConnectionStrings__{connectionName}).");
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddDbContextPool<AuditDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());
        return builder;
    }
}
