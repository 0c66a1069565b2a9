using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmSuite.BuildingBlocks.Configuration;

/// <summary>
/// A service refuses to serve against a schema older than its own: until its database has every
/// migration the service knows, <c>/health</c> is unhealthy (Kubernetes keeps the pod out of the
/// Service) and every request but the probes and Dapr's subscription discovery gets 503, so nothing
/// writes through old tables (a rollback of the database, a migration hook that failed). The process
/// keeps running and checks again, so it serves as soon as <c>migrate</c> has run, and a database
/// that answers only later (a PostgreSQL restart) does not stop it.
/// </summary>
public sealed class SchemaCheck<TContext>(IServiceScopeFactory scopes, ILogger<SchemaCheck<TContext>> logger, string database, string service)
    : BackgroundService, IHealthCheck where TContext : DbContext
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    private volatile bool _current;
    private string? _refusal;
    private volatile bool _behind;

    /// <summary>Null when the schema is current; otherwise why the service does not serve.</summary>
    public async Task<string?> RefusalAsync(CancellationToken cancellationToken)
    {
        if (_current)
        {
            return null;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>().Database;
            var known = db.GetMigrations().ToList();
            var applied = (await db.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet();
            var pending = known.Where(m => !applied.Contains(m)).ToList();
            if (pending.Count == 0)
            {
                _current = true;
                _behind = false;
                if (Interlocked.Exchange(ref _refusal, null) is not null)
                {
                    logger.LogInformation("Database {Database} now has every migration of this version ({Migration}): serving", database, known.LastOrDefault());
                }
                return null;
            }
            var at = known.LastOrDefault(applied.Contains) ?? "(none)";
            _behind = true;
            Refuse($"database {database} is at migration {at}, this version needs {known[^1]}: run `{service} migrate`");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Could not read the migrations of {Database}", database);
            Refuse($"database {database} cannot be reached to check its migrations");
        }
        return Volatile.Read(ref _refusal);
    }

    private void Refuse(string refusal)
    {
        // One line per change of state, not one per request or probe.
        if (Interlocked.Exchange(ref _refusal, refusal) != refusal)
        {
            logger.LogError("{Refusal}", refusal);
        }
    }

    /// <summary>
    /// Null unless the database is known to lack a migration. A database that cannot be reached (and was
    /// not known to be behind) does not refuse: each request then fails or retries by its own rules.
    /// </summary>
    public async Task<string?> RequestRefusalAsync(CancellationToken cancellationToken) =>
        await RefusalAsync(cancellationToken) is { } refusal && _behind ? refusal : null;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await RefusalAsync(cancellationToken) is { } refusal ? HealthCheckResult.Unhealthy(refusal) : HealthCheckResult.Healthy();

    /// <summary>Checks at start and then every few seconds until current, so the line is logged without any traffic.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await RefusalAsync(stoppingToken) is not null)
            {
                await Task.Delay(RetryEvery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}

public static class SchemaCheckExtensions
{
    /// <summary>Probes, and the sidecar's subscription discovery (read once when it starts), are never refused.</summary>
    private static readonly PathString[] Unrefused = ["/health", "/alive", "/dapr"];

    /// <summary>
    /// Registers <see cref="SchemaCheck{TContext}"/>: its background check, a <c>&lt;database&gt;-schema</c>
    /// health check and a gate in front of the whole request pipeline (a startup filter, so every program gets
    /// it from this one line). <paramref name="service"/> is the name the migration runs under (<c>clients migrate</c>).
    /// </summary>
    public static IServiceCollection AddSchemaCheck<TContext>(this IServiceCollection services, string database, string service)
        where TContext : DbContext
    {
        services.AddSingleton(sp => new SchemaCheck<TContext>(sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<ILogger<SchemaCheck<TContext>>>(), database, service));
        services.AddHostedService(sp => sp.GetRequiredService<SchemaCheck<TContext>>());
        services.AddHealthChecks().Add(new HealthCheckRegistration(database + "-schema",
            sp => sp.GetRequiredService<SchemaCheck<TContext>>(), failureStatus: null, tags: null));
        services.AddTransient<IStartupFilter>(sp => new SchemaGate<TContext>(sp.GetRequiredService<SchemaCheck<TContext>>()));
        return services;
    }

    private sealed class SchemaGate<TContext>(SchemaCheck<TContext> check) : IStartupFilter where TContext : DbContext
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                if (Unrefused.Any(path => context.Request.Path.StartsWithSegments(path))
                    || await check.RequestRefusalAsync(context.RequestAborted) is not { } refusal)
                {
                    await following(context);
                    return;
                }
                await Results.Problem(title: "This service does not serve until its database is migrated.", detail: refusal,
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            });
            next(app);
        };
    }
}
