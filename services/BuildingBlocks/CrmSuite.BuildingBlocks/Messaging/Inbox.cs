using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
                InboxBulk.HandleAsync<TContext, TEvent>(http, route, (entries, db, services, ct) => ApplyEachAsync(entries, db, services, handler, ct), cancellationToken))
            .WithTopic(new TopicOptions { PubsubName = pubSubName, Name = topic, DeadLetterTopic = deadLetterTopic })
            .AllowAnonymous();

    /// <summary>The single-event handler over a delivery's events (one, unless the sidecar batched them), in its transaction.</summary>
    private static async Task<InboxOutcome> ApplyEachAsync<TContext, TEvent>(
        IReadOnlyList<InboxEntry<TEvent>> entries,
        TContext db,
        IServiceProvider services,
        Func<TEvent, TContext, IServiceProvider, CancellationToken, Task<InboxOutcome>> handler,
        CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            var outcome = await handler(entry.Event, db, services, cancellationToken);
            if (outcome != InboxOutcome.Success)
            {
                return outcome;
            }
        }
        return InboxOutcome.Success;
    }
}
