using System.Text.Json;
using Npgsql;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Events a test's service queued in its outbox (committed with the change they describe).</summary>
internal static class OutboxEvents
{
    /// <summary>Payloads of one topic, oldest first; <paramref name="condition"/> filters on <c>payload</c> with $1.. parameters.</summary>
    public static async Task<List<JsonElement>> ReadAsync(string connectionString, string topic, string condition = "true", params object[] parameters)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"SELECT payload::text FROM outbox_messages WHERE topic = $1 AND ({condition}) ORDER BY occurred_at", connection);
        command.Parameters.AddWithValue(topic);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<JsonElement>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }
        return events;
    }
}
