using Npgsql;

namespace CrmSuite.Audit.Api.Entries;

/// <summary>The column list and row reader shared by search, export and chain verification.</summary>
internal static class EntryColumns
{
    public const string All = """
        id, occurred_at, recorded_at, actor_id, actor_name, actor_role, action, entity_type, entity_id,
        ip, user_agent, outcome, before, after, details, event_id, prev_hash, hash
        """;

    /// <summary>Fills <paramref name="entry"/> from a row selected with <see cref="All"/> (reused to avoid allocating per row).</summary>
    public static AuditEntry Read(NpgsqlDataReader reader, AuditEntry? entry = null)
    {
        entry ??= new AuditEntry();
        entry.Id = reader.GetInt64(0);
        entry.OccurredAt = reader.GetFieldValue<DateTimeOffset>(1);
        entry.RecordedAt = reader.GetFieldValue<DateTimeOffset>(2);
        entry.ActorId = reader.GetString(3);
        entry.ActorName = Nullable(reader, 4);
        entry.ActorRole = Nullable(reader, 5);
        entry.Action = reader.GetString(6);
        entry.EntityType = Nullable(reader, 7);
        entry.EntityId = Nullable(reader, 8);
        entry.Ip = Nullable(reader, 9);
        entry.UserAgent = Nullable(reader, 10);
        entry.Outcome = reader.GetString(11);
        entry.Before = Nullable(reader, 12);
        entry.After = Nullable(reader, 13);
        entry.Details = Nullable(reader, 14);
        entry.EventId = reader.GetString(15);
        entry.PrevHash = reader.GetString(16);
        entry.Hash = reader.GetString(17);
        return entry;
    }

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
