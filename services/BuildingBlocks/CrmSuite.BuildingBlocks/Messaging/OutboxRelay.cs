using System.Text.Json;
using Dapr.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>Publishes integration events; Dapr in production, the emulator locally (same sidecar contract).</summary>
public interface IEventPublisher
{
    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}

public sealed class DaprEventPublisher(DaprClient dapr, IConfiguration configuration) : IEventPublisher
{
    private readonly string _pubSubName = configuration["Messaging:PubSubName"] ?? "pubsub";

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(message.Payload);
        // The outbox id becomes the CloudEvent id: subscribers de-duplicate on it (inbox).
        var metadata = new Dictionary<string, string> { ["cloudevent.id"] = message.Id.ToString() };
        return dapr.PublishEventAsync(_pubSubName, message.Topic, payload.RootElement.Clone(), metadata, cancellationToken);
    }
}

/// <summary>
/// Publishes what the outbox holds, after commit, until the broker accepts: woken by LISTEN/NOTIFY,
/// polling as a fallback, backing off per message on failure. A batch is published with up to
/// <c>Messaging:Outbox:MaxConcurrentPublishes</c> calls in flight (default 16), so the broker's and
/// the subscribers' round trips overlap; like Dapr itself, delivery order is therefore not
/// guaranteed, and subscribers must not depend on it (every event carries its own time).
/// Several replicas may run the relay: rows are claimed with FOR UPDATE SKIP LOCKED.
/// </summary>
public sealed class OutboxRelay<TContext>(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<OutboxRelay<TContext>> logger)
    : BackgroundService where TContext : DbContext, IOutboxContext
{
    private const int BatchSize = 200;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly int _maxConcurrency = Math.Max(1, configuration.GetValue("Messaging:Outbox:MaxConcurrentPublishes", 16));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wakeUp = new SemaphoreSlim(0);
        _ = ListenAsync(wakeUp, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Outbox relay pass failed; retrying");
                published = 0;
            }
            if (published < BatchSize)
            {
                await wakeUp.WaitAsync(Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                // Wake-ups that arrived during the pass are covered by the next one.
                while (wakeUp.CurrentCount > 0)
                {
                    await wakeUp.WaitAsync(stoppingToken);
                }
            }
        }
    }

    /// <summary>Publishes one batch; returns how many messages were sent.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now()) ORDER BY occurred_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        using var inFlight = new SemaphoreSlim(_maxConcurrency);
        var outcomes = await Task.WhenAll(batch.Select(async message =>
        {
            await inFlight.WaitAsync(cancellationToken);
            try
            {
                await publisher.PublishAsync(message, cancellationToken);
                return (Message: message, Error: (Exception?)null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return (Message: message, Error: ex);
            }
            finally
            {
                inFlight.Release();
            }
        }));

        var sent = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var (message, error) in outcomes)
        {
            if (error is null)
            {
                message.PublishedAt = now;
                sent++;
                continue;
            }
            message.Attempts++;
            var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(message.Attempts, 10))));
            message.NextAttemptAt = now + backoff;
            message.LastError = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
            logger.LogWarning("Publishing {Topic} event {Id} failed (attempt {Attempts}); next try in {Backoff}: {Error}",
                message.Topic, message.Id, message.Attempts, backoff, error.Message);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sent;
    }

    private async Task ListenAsync(SemaphoreSlim wakeUp, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var connectionString = scope.ServiceProvider.GetRequiredService<TContext>().Database.GetConnectionString();
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => wakeUp.Release();
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxModel.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The poll keeps events flowing meanwhile.
                logger.LogDebug(ex, "Outbox LISTEN connection lost; reconnecting");
                await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

public static class MessagingExtensions
{
    /// <summary>The outbox relay for a service's DbContext, publishing through Dapr's sidecar contract.</summary>
    public static IServiceCollection AddOutboxRelay<TContext>(this IServiceCollection services) where TContext : DbContext, IOutboxContext
    {
        services.AddDaprClient();
        services.AddScoped<IEventPublisher, DaprEventPublisher>();
        services.AddHostedService<OutboxRelay<TContext>>();
        services.AddSingleton<OutboxGroupWriter<TContext>>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxGroupWriter<TContext>>());
        return services;
    }
}
