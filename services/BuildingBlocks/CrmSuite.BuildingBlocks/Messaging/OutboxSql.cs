using Npgsql;

namespace CrmSuite.BuildingBlocks.Messaging;

/// <summary>
/// The outbox for a hot path that cannot afford a second round trip (bench/warehouse-reservations):
/// the INSERT of an outbox row and the relay's wake-up as two common table expressions, written only
/// when a guarding CTE returned a row, so they join one data-modifying statement. The row is the one
/// <see cref="OutboxModel.Message{TEvent}"/> builds, and these are the only hand-written statements
/// against the outbox table (column names are the services' snake_case convention).
/// </summary>
public static class OutboxSql
{
    /// <summary><c>outbox_inserted AS (INSERT …), outbox_notified AS MATERIALIZED (SELECT pg_notify …)</c>, one row each per row of <paramref name="guard"/>.</summary>
    public static string InsertWhen(string guard) => $"""
        outbox_inserted AS (
            INSERT INTO {OutboxModel.Table} (id, topic, payload, occurred_at, attempts)
            SELECT @outbox_id, @outbox_topic, @outbox_payload::jsonb, @outbox_occurred_at, 0 FROM {guard}),
        outbox_notified AS MATERIALIZED (SELECT pg_notify(@outbox_channel, '') AS sent FROM {guard})
        """;

    /// <summary>An expression that makes PostgreSQL run the wake-up (a MATERIALIZED CTE nobody reads is skipped).</summary>
    public const string NotifiedCount = "(SELECT count(*)::int FROM outbox_notified)";

    /// <summary>The parameters of <see cref="InsertWhen"/> for one outbox row.</summary>
    public static void AddParameters(NpgsqlCommand command, OutboxMessage message)
    {
        command.Parameters.AddWithValue("outbox_id", message.Id);
        command.Parameters.AddWithValue("outbox_topic", message.Topic);
        command.Parameters.AddWithValue("outbox_payload", message.Payload);
        command.Parameters.AddWithValue("outbox_occurred_at", message.OccurredAt);
        command.Parameters.AddWithValue("outbox_channel", OutboxModel.Channel);
    }
}
