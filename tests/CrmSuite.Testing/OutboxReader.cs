using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace CrmSuite.Testing;

/// <summary>
/// What a service under test left in its own database, read as a test asserts it: a scalar query,
/// and the integration events (audit included) its outbox holds for a topic.
/// </summary>
public static class OutboxReader
{
    public static async Task<long> ScalarAsync(string connectionString, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("p" + i, parameters[i]);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The events queued for <paramref name="topic"/>, oldest first, payloads as JSON.</summary>
    public static async Task<List<JsonElement>> EventsAsync(string connectionString, string topic, CancellationToken cancellationToken) =>
        [.. (await EventsWithIdsAsync(connectionString, topic, cancellationToken)).Select(e => e.Payload)];

    /// <summary>As <see cref="EventsAsync"/>, each with its outbox id (the CloudEvent id the relay publishes it under).</summary>
    public static async Task<List<(Guid Id, JsonElement Payload)>> EventsWithIdsAsync(string connectionString, string topic, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, payload::text FROM outbox_messages WHERE topic = @topic ORDER BY occurred_at, id", connection);
        command.Parameters.AddWithValue("topic", topic);
        var events = new List<(Guid, JsonElement)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add((reader.GetGuid(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        }
        return events;
    }
}
