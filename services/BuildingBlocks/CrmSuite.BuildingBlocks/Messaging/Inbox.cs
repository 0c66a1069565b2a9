using System.Text.Json;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>An event a subscriber has applied: its CloudEvent id, per consumer (topic route).</summary>
public sealed class InboxMessage
{
    public string Consumer { get; set; } = string.Empty;
    public string EventId { get; set; } = string.Empty;
    public DateTimeOffset ProcessedAt { get; set; }
}

/// <summary>A service's DbContext that has an inbox.</summary>
public interface IInboxContext
{
    DbSet<InboxMessage> InboxMessages { get; }
}

/// <summary>What a subscriber did with an event, answered to the sidecar as Dapr's status.</summary>
public enum InboxOutcome
{
    /// <summary>Applied (its effects and the inbox row commit together).</summary>
    Success,
    /// <summary>Not now: nothing is kept, the sidecar delivers it again.</summary>
    Retry,
    /// <summary>Never applicable: nothing is kept, the sidecar drops it (or dead-letters it).</summary>
    Drop,
}

/// <summary>
/// Subscribing with exactly-once effects on top of Dapr's at-least-once delivery: the handler's
/// changes and the inbox row (consumer, CloudEvent id) commit in one transaction, so a redelivered
/// event (the relay retried after a lost answer, the sidecar retried after a crash) is acknowledged
/// without running again.
/// </summary>
public static class Inbox
{
    public const string Table = "inbox_messages";
    public const string EventIdHeader = "Cloudevent.id";

    public static void AddInbox(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<InboxMessage>(message =>
        {
            message.ToTable(Table);
            message.HasKey(m => new { m.Consumer, m.EventId });
            // Named explicitly: the block's own SQL uses these names whatever the context's convention.
            message.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            message.Property(m => m.EventId).HasColumnName("event_id").HasMaxLength(200);
            message.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });

    /// <summary>
    /// Dapr's CloudEvents middleware, forwarding the envelope's id (and type/source) as request
    /// headers so the inbox can key on it after the envelope is unwrapped.
    /// </summary>
    public static IApplicationBuilder UseCrmCloudEvents(this IApplicationBuilder app) =>
        app.UseCloudEvents(new CloudEventsMiddlewareOptions
        {
            ForwardCloudEventPropertiesAsHeaders = true,
            IncludedCloudEventPropertiesAsHeaders = ["id", "type", "source"],
        });

    /// <summary>
    /// Maps a Dapr topic endpoint (discovered through <c>MapSubscribeHandler</c>) whose handler runs
    /// at most once per CloudEvent id. The route is anonymous: only the sidecar reaches it (the
    /// gateway routes no path to it; in Kubernetes a NetworkPolicy admits only the pod network).
    /// </summary>
    public static RouteHandlerBuilder MapInboxTopic<TContext, TEvent>(
        this IEndpointRouteBuilder endpoints,
        string topic,
        string route,
        Func<TEvent, TContext, IServiceProvider, CancellationToken, Task<InboxOutcome>> handler,
        string pubSubName = "pubsub",
        string? deadLetterTopic = null)
        where TContext : DbContext, IInboxContext
        where TEvent : class =>
        endpoints.MapPost(route, (HttpContext http, CancellationToken cancellationToken) =>
                HandleAsync(http, route, handler, cancellationToken))
            .WithTopic(new TopicOptions { PubsubName = pubSubName, Name = topic, DeadLetterTopic = deadLetterTopic })
            .AllowAnonymous();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<IResult> HandleAsync<TContext, TEvent>(
        HttpContext http,
        string consumer,
        Func<TEvent, TContext, IServiceProvider, CancellationToken, Task<InboxOutcome>> handler,
        CancellationToken cancellationToken)
        where TContext : DbContext, IInboxContext
        where TEvent : class
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Inbox));
        var eventId = http.Request.Headers[EventIdHeader].ToString();
        if (string.IsNullOrWhiteSpace(eventId) || eventId.Length > 200)
        {
            logger.LogWarning("Dropped an event on {Consumer}: no usable CloudEvent id", consumer);
            return Answer(InboxOutcome.Drop);
        }

        TEvent? @event;
        try
        {
            @event = await JsonSerializer.DeserializeAsync<TEvent>(http.Request.Body, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Dropped event {EventId} on {Consumer}: {Reason}", eventId, consumer, ex.Message);
            return Answer(InboxOutcome.Drop);
        }
        if (@event is null)
        {
            return Answer(InboxOutcome.Drop);
        }

        var db = http.RequestServices.GetRequiredService<TContext>();
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return Answer(await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // The inbox row first: a concurrent delivery of the same event waits on it here and
                // then finds it taken.
                var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO inbox_messages (consumer, event_id, processed_at) VALUES ({consumer}, {eventId}, now()) ON CONFLICT DO NOTHING",
                    cancellationToken);
                if (claimed == 0)
                {
                    logger.LogInformation("Event {EventId} on {Consumer} was applied before; acknowledged again", eventId, consumer);
                    return InboxOutcome.Success;
                }
                var outcome = await handler(@event, db, http.RequestServices, cancellationToken);
                if (outcome != InboxOutcome.Success)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return outcome;
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return InboxOutcome.Success;
            }));
        }
        catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Event {EventId} on {Consumer} could not be applied now; the sidecar will retry", eventId, consumer);
            return Answer(InboxOutcome.Retry);
        }
    }

    private static IResult Answer(InboxOutcome outcome) => Results.Json(new
    {
        status = outcome switch
        {
            InboxOutcome.Success => "SUCCESS",
            InboxOutcome.Retry => "RETRY",
            _ => "DROP",
        },
    });
}
