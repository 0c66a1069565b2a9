using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmSuite.AppHost;

/// <summary>
/// PostgreSQL from the OS packages as an Aspire executable (these machines run no containers).
/// Its data directory lives under the repository's git-ignored .data/ and survives restarts.
/// </summary>
public static class LocalPostgres
{
    public sealed class Handle(IResourceBuilder<ExecutableResource> resource, string password)
    {
        public IResourceBuilder<ExecutableResource> Resource { get; } = resource;

        /// <summary>As the cluster's owner (the migration steps and services that own their schema).</summary>
        public ReferenceExpression ConnectionStringFor(string database) => ConnectionStringFor(database, "postgres", password);

        /// <summary>As a restricted role a migration step created (e.g. the audit log's append-only writer).</summary>
        public ReferenceExpression ConnectionStringFor(string database, string user, string userPassword)
        {
            var endpoint = Resource.GetEndpoint("tcp");
            return ReferenceExpression.Create(
                $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={user};Password={userPassword};Database={database}");
        }
    }

    public static Handle AddLocalPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var repoRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        var configured = builder.Configuration["Postgres:DataDirectory"];
        var dataDir = string.IsNullOrWhiteSpace(configured) ? Path.Combine(repoRoot, ".data", "postgres") : Path.GetFullPath(configured);
        var ephemeral = builder.Configuration.GetValue<bool>("Postgres:Ephemeral");
        var password = new LocalSecrets(builder.Configuration, Path.GetDirectoryName(dataDir)!)
            .Get("Postgres:Password", Path.GetFileName(dataDir) + ".password");

        var script = Path.Combine(builder.AppHostDirectory, "postgres", "run-postgres.sh");
        var healthCheckKey = $"{name}-accepts-connections";
        var resource = builder.AddExecutable(name, "bash", repoRoot, script, dataDir)
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "PGPORT")
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithEnvironment("PG_EPHEMERAL", ephemeral ? "1" : "0")
            .WithHealthCheck(healthCheckKey);
        var handle = new Handle(resource, password);

        var connectionString = handle.ConnectionStringFor("postgres");
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new PostgresAcceptsConnections(connectionString),
            failureStatus: HealthStatus.Unhealthy,
            tags: null));
        return handle;
    }

    private sealed class PostgresAcceptsConnections(ReferenceExpression connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var value = await connectionString.GetValueAsync(cancellationToken);
                await using var connection = new NpgsqlConnection(value + ";Timeout=3;Pooling=false");
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not accept connections yet.", ex);
            }
        }
    }
}
