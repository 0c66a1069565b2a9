using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>
/// An integration event waiting to be published. It is written by the same SaveChanges (so the
/// same transaction) as the state change it describes; the relay publishes it after commit.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public string Topic { get; set; } = string.Empty;
    public string Payload { get; set; } = "{}";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A service's DbContext that has an outbox.</summary>
public interface IOutboxContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }
}

public static class OutboxModel
{
    public const string Table = "outbox_messages";
    public const string Channel = "crm_outbox";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void AddOutbox(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable(Table);
            message.HasKey(m => m.Id);
            message.Property(m => m.Topic).HasMaxLength(200);
            message.Property(m => m.Payload).HasColumnType("jsonb");
            message.Property(m => m.LastError).HasMaxLength(2000);
            // The relay reads only what is still to be sent, oldest first.
            message.HasIndex(m => m.OccurredAt).HasFilter("published_at IS NULL");
        });

    /// <summary>Queues an event; it commits (or not) with the caller's SaveChanges.</summary>
    public static OutboxMessage Enqueue<TEvent>(this IOutboxContext context, string topic, TEvent @event, DateTimeOffset occurredAt)
    {
        var message = Message(topic, @event, occurredAt);
        context.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>An outbox row for an event; its id (a version 7 uuid) becomes the CloudEvent id.</summary>
    public static OutboxMessage Message<TEvent>(string topic, TEvent @event, DateTimeOffset occurredAt) => new()
    {
        Id = Guid.CreateVersion7(occurredAt),
        Topic = topic,
        Payload = JsonSerializer.Serialize(@event, Json),
        OccurredAt = occurredAt,
    };
}

/// <summary>
/// Wakes the relay as soon as a transaction that queued events commits (NOTIFY is delivered at
/// commit, never for a rolled-back transaction). The relay also polls, so a lost wake-up only delays.
/// </summary>
public sealed class OutboxNotifyInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is IOutboxContext and DbContext context
            && context.ChangeTracker.Entries<OutboxMessage>().Any())
        {
            await context.Database.ExecuteSqlRawAsync($"NOTIFY {OutboxModel.Channel}", cancellationToken);
        }
        return result;
    }
}
