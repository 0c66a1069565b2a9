using Npgsql;

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
}
