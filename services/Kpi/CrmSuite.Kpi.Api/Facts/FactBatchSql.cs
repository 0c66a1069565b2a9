using Npgsql;
using NpgsqlTypes;

namespace CrmSuite.Kpi.Api.Facts;

/// <summary>
/// The set-based statements of recording a batch of facts, on the inbox transaction's connection:
/// each takes the whole batch as arrays (unnest), so a batch costs the same few round trips
/// whatever its size. Rows are taken in a sorted order, so two concurrent batches lock what they
/// share in the same order (they wait, never deadlock).
/// </summary>
internal sealed class FactBatchSql(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public NpgsqlCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The deals' transaction-scoped advisory locks (the same keys the single-event path took), in the order of their keys.</summary>
    public Task LockDealsAsync(Guid[] dealIds, CancellationToken ct) => ExecuteAsync("""
        SELECT count(pg_advisory_xact_lock(k)) FROM (
            SELECT DISTINCT hashtextextended(d, 14) AS k FROM unnest(@deals::text[]) AS d ORDER BY k) AS keys
        """, ct, ("deals", dealIds.Select(d => d.ToString()).ToArray()));

    /// <summary>The persons' teams as their latest events (by time) name them: one upsert, one row per person.</summary>
    public Task NoteTeamsAsync(IReadOnlyList<PersonTeam> teams, CancellationToken ct) => teams.Count == 0
        ? Task.CompletedTask
        : ExecuteAsync("""
            INSERT INTO person_teams (user_id, team_id, seen_at)
            SELECT * FROM unnest(@users::text[], @teams::text[], @seen::timestamptz[])
            ON CONFLICT (user_id) DO UPDATE SET team_id = excluded.team_id, seen_at = excluded.seen_at
            WHERE person_teams.seen_at < excluded.seen_at
            """, ct,
            ("users", teams.Select(t => t.UserId).ToArray()),
            ("teams", teams.Select(t => t.TeamId).ToArray()),
            ("seen", teams.Select(t => t.SeenAt.ToUniversalTime()).ToArray()));

    /// <summary>Each person's team: the one their events last named, else their first team in identity.</summary>
    public async Task<Dictionary<string, string>> TeamsOfAsync(string[] users, CancellationToken ct)
    {
        await using var command = Command("""
            SELECT u, coalesce((SELECT pt.team_id FROM person_teams pt WHERE pt.user_id = u),
                               (SELECT p.team_ids[1] FROM people p WHERE p.user_id = u))
            FROM unnest(@users::text[]) AS u
            """, ("users", users));
        var teams = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!reader.IsDBNull(1))
            {
                teams[reader.GetString(0)] = reader.GetString(1);
            }
        }
        return teams;
    }

    /// <summary>The new facts in one binary COPY (no statement per row to parse, plan and index one by one from the client).</summary>
    public async Task InsertFactsAsync(IReadOnlyList<Fact> facts, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY facts (id, kind, user_id, team_id, occurred_at, day, amount, currency, days, pipeline_id, stage_id, started_at,
                deal_id, company_id, lead_id, item_id, document_id, movement_id, title, recorded_at) FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var f in facts)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(f.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(f.Kind, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, f.UserId, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, f.TeamId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(f.Day, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(f.Amount, NpgsqlDbType.Numeric, ct);
            await WriteAsync(copy, f.Currency, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.Days, NpgsqlDbType.Numeric, ct);
            await WriteAsync(copy, f.PipelineId, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, f.StageId, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, f.StartedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await WriteAsync(copy, f.DealId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, f.CompanyId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, f.LeadId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, f.ItemId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, f.DocumentId, NpgsqlDbType.Uuid, ct);
            await WriteAsync(copy, f.MovementId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(f.Title, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.RecordedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
