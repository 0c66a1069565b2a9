using System.Text.Json;
using Dapr;
using Dapr.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>One event of a delivery, newly claimed in the inbox: its CloudEvent id and its data.</summary>
public sealed record InboxEntry<TEvent>(string EventId, TEvent Event);

/// <summary>
/// The inbox for Dapr's bulk subscribe: the sidecar posts up to <c>maxMessagesCount</c> events in
/// one request and the subscriber applies them in ONE transaction: every entry's inbox row is
/// claimed by one statement, the handler gets the newly claimed events (an event delivered twice,
/// in this request or before, once), and the answer gives each entry its status. A single
/// CloudEvent (a sidecar without bulk delivery, the emulator's retry) is a batch of one through the
/// same code.
/// </summary>
public static class InboxBulk
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Maps a topic endpoint declared with <c>bulkSubscribe</c> in <c>GET /dapr/subscribe</c>. Anonymous
    /// for the same reason as <see cref="Inbox.MapInboxTopic{TContext,TEvent}"/>.
    /// </summary>
    public static RouteHandlerBuilder MapInboxBulkTopic<TContext, TEvent>(
        this IEndpointRouteBuilder endpoints,
        string topic,
        string route,
        Func<IReadOnlyList<InboxEntry<TEvent>>, TContext, IServiceProvider, CancellationToken, Task<InboxOutcome>> handler,
        int maxMessagesCount = 200,
        int maxAwaitDurationMs = 100,
        string pubSubName = "pubsub",
        string? deadLetterTopic = null)
        where TContext : DbContext, IInboxContext
        where TEvent : class =>
        endpoints.MapPost(route, (HttpContext http, CancellationToken cancellationToken) =>
                HandleAsync(http, route, handler, cancellationToken))
            .WithTopic(new TopicOptions { PubsubName = pubSubName, Name = topic, DeadLetterTopic = deadLetterTopic })
            .WithMetadata(new BulkSubscribeAttribute(topic, maxMessagesCount, maxAwaitDurationMs))
            .AllowAnonymous();

    /// <summary>An entry of the request: its entry id (none for a single event), its event id and data when usable.</summary>
    private sealed record Received<TEvent>(string? EntryId, string? EventId, TEvent? Event)
    {
        public InboxOutcome Status { get; set; } = InboxOutcome.Drop;
    }

    internal static async Task<IResult> HandleAsync<TContext, TEvent>(
        HttpContext http,
        string consumer,
        Func<IReadOnlyList<InboxEntry<TEvent>>, TContext, IServiceProvider, CancellationToken, Task<InboxOutcome>> handler,
        CancellationToken cancellationToken)
        where TContext : DbContext, IInboxContext
        where TEvent : class
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Inbox));
        var (bulk, received) = await ReadAsync<TEvent>(http, consumer, logger, cancellationToken);
        var usable = received.Where(r => r.Event is not null).ToList();
        if (usable.Count > 0)
        {
            var outcome = await ApplyAsync(http, consumer, usable, handler, logger, cancellationToken);
            usable.ForEach(r => r.Status = outcome);
        }
        return bulk
            ? Results.Json(new { statuses = received.Select(r => new { entryId = r.EntryId ?? string.Empty, status = StatusOf(r.Status) }) })
            : Results.Json(new { status = StatusOf(received.Count == 0 ? InboxOutcome.Drop : received[0].Status) });
    }

    /// <summary>
    /// A bulk request (<c>{"entries":[{"entryId","event":{CloudEvent}}]}</c>) or a single event the
    /// CloudEvents middleware unwrapped (its id in a header, its data as the body).
    /// </summary>
    private static async Task<(bool Bulk, List<Received<TEvent>> Entries)> ReadAsync<TEvent>(
        HttpContext http, string consumer, ILogger logger, CancellationToken cancellationToken)
        where TEvent : class
    {
        var headerId = http.Request.Headers[Inbox.EventIdHeader].ToString();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Dropped a delivery on {Consumer}: {Reason}", consumer, ex.Message);
            return (false, [new Received<TEvent>(null, null, null)]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (headerId.Length == 0 && root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Array)
            {
                var list = new List<Received<TEvent>>(entries.GetArrayLength());
                foreach (var entry in entries.EnumerateArray())
                {
                    var entryId = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("entryId", out var e) && e.ValueKind == JsonValueKind.String
                        ? e.GetString() : null;
                    var cloudEvent = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("event", out var ce) ? ce : default;
                    var eventId = cloudEvent.ValueKind == JsonValueKind.Object && cloudEvent.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                        ? id.GetString() : null;
                    var data = cloudEvent.ValueKind == JsonValueKind.Object && cloudEvent.TryGetProperty("data", out var d) ? d : default;
                    list.Add(Entry<TEvent>(entryId, eventId, data, consumer, logger));
                }
                return (true, list);
            }
            return (false, [Entry<TEvent>(null, headerId, root, consumer, logger)]);
        }
    }

    private static Received<TEvent> Entry<TEvent>(string? entryId, string? eventId, JsonElement data, string consumer, ILogger logger)
        where TEvent : class
    {
        if (string.IsNullOrWhiteSpace(eventId) || eventId.Length > 200)
        {
            logger.LogWarning("Dropped an event on {Consumer}: no usable CloudEvent id", consumer);
            return new Received<TEvent>(entryId, null, null);
        }
        try
        {
            var @event = data.ValueKind == JsonValueKind.Undefined ? null : data.Deserialize<TEvent>(Json);
            return new Received<TEvent>(entryId, eventId, @event);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Dropped event {EventId} on {Consumer}: {Reason}", eventId, consumer, ex.Message);
            return new Received<TEvent>(entryId, eventId, null);
        }
    }

    /// <summary>One transaction: the inbox rows of all entries, then the handler on the newly claimed ones.</summary>
    private static async Task<InboxOutcome> ApplyAsync<TContext, TEvent>(
        HttpContext http,
        string consumer,
        List<Received<TEvent>> usable,
        Func<IReadOnlyList<InboxEntry<TEvent>>, TContext, IServiceProvider, CancellationToken, Task<InboxOutcome>> handler,
        ILogger logger,
        CancellationToken cancellationToken)
        where TContext : DbContext, IInboxContext
        where TEvent : class
    {
        var db = http.RequestServices.GetRequiredService<TContext>();
        // Sorted: two deliveries sharing events claim their rows in the same order (no deadlock).
        var ids = usable.Select(r => r.EventId!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // The inbox rows first: a concurrent delivery of the same event waits on its row here
                // and then finds it taken.
                var claimed = await ClaimAsync(db, transaction, consumer, ids, cancellationToken);
                if (claimed.Count < ids.Length)
                {
                    logger.LogInformation("{Count} event(s) on {Consumer} were applied before; acknowledged again", ids.Length - claimed.Count, consumer);
                }
                if (claimed.Count == 0)
                {
                    return InboxOutcome.Success;
                }
                var fresh = new List<InboxEntry<TEvent>>(claimed.Count);
                foreach (var r in usable)
                {
                    if (claimed.Remove(r.EventId!))
                    {
                        fresh.Add(new InboxEntry<TEvent>(r.EventId!, r.Event!));
                    }
                }
                var outcome = await handler(fresh, db, http.RequestServices, cancellationToken);
                if (outcome != InboxOutcome.Success)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return outcome;
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return InboxOutcome.Success;
            });
        }
        catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "{Count} event(s) on {Consumer} could not be applied now; the sidecar will retry", usable.Count, consumer);
            return InboxOutcome.Retry;
        }
    }

    /// <summary>Inserts the inbox rows in one statement; the ids it inserted (the others were applied before).</summary>
    private static async Task<HashSet<string>> ClaimAsync(DbContext db, IDbContextTransaction transaction, string consumer, string[] ids, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO inbox_messages (consumer, event_id, processed_at)
            SELECT @consumer, id, now() FROM unnest(@ids::text[]) WITH ORDINALITY AS t(id, n) ORDER BY n
            ON CONFLICT DO NOTHING RETURNING event_id
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.AddWithValue("consumer", consumer);
        command.Parameters.AddWithValue("ids", ids);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(reader.GetString(0));
        }
        return claimed;
    }

    internal static string StatusOf(InboxOutcome outcome) => outcome switch
    {
        InboxOutcome.Success => "SUCCESS",
        InboxOutcome.Retry => "RETRY",
        _ => "DROP",
    };
}
