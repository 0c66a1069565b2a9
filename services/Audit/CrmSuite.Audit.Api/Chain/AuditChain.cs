using System.Data;
using CrmSuite.Audit.Api.Alerts;
using CrmSuite.Audit.Api.Entries;
using Npgsql;
using NpgsqlTypes;

namespace CrmSuite.Audit.Api.Chain;

/// <summary>What an append did: the rows it stored, and how many events were stored already.</summary>
public sealed record AppendResult(IReadOnlyList<AuditEntry> Appended, int AlreadyStored);

/// <summary>
/// Appends entries to the hash chain. Every append locks the one-row chain head
/// (<c>SELECT … FOR UPDATE</c>) inside its transaction, so appends are strictly sequential: each
/// takes the next position and links to the hash the head holds, and the head moves on only when
/// the transaction commits. The same event (CloudEvent id) is stored once.
/// </summary>
public sealed class AuditChain(NpgsqlDataSource dataSource, AlertRule alerts, TimeProvider clock, ILogger<AuditChain> logger)
{
    private const string InsertSql = """
        INSERT INTO audit_entries (id, occurred_at, recorded_at, actor_id, actor_name, actor_role, action, entity_type,
            entity_id, ip, user_agent, outcome, before, after, details, event_id, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
        """;

    public Task<AppendResult> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken) =>
        AppendAsync([entry], cancellationToken);

    /// <summary>Appends the entries in order, in one transaction (all or none).</summary>
    public async Task<AppendResult> AppendAsync(IReadOnlyList<NewAuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        long lastId;
        string lastHash;
        await using (var head = new NpgsqlCommand("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The audit chain head is missing: run the migration step.");
            }
            lastId = reader.GetInt64(0);
            lastHash = reader.GetString(1);
        }

        // Under the head lock no other append runs, so this check cannot race with an insert.
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var existing = new NpgsqlCommand("SELECT event_id FROM audit_entries WHERE event_id = ANY($1)", connection, transaction))
        {
            existing.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = entries.Select(e => e.EventId).Distinct().ToArray() });
            await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add(reader.GetString(0));
            }
        }

        var recordedAt = ChainHash.ToStoredPrecision(clock.GetUtcNow());
        var appended = new List<AuditEntry>(entries.Count);
        var alreadyStored = 0;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var entry in entries)
        {
            if (!stored.Add(entry.EventId))
            {
                alreadyStored++;
                continue;
            }
            var row = ToRow(entry, ++lastId, recordedAt, lastHash);
            lastHash = row.Hash;
            appended.Add(row);
            batch.BatchCommands.Add(InsertCommand(row));
        }

        if (appended.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await using var move = new NpgsqlCommand("UPDATE audit_chain_head SET last_id = $1, last_hash = $2 WHERE id = 1", connection, transaction);
            move.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lastId });
            move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lastHash });
            await move.ExecuteNonQueryAsync(cancellationToken);
            await alerts.EvaluateAsync(connection, transaction, appended, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        if (appended.Count > 0)
        {
            logger.LogDebug("Appended {Count} audit entries up to position {LastId}", appended.Count, lastId);
        }
        return new AppendResult(appended, alreadyStored);
    }

    private static AuditEntry ToRow(NewAuditEntry entry, long id, DateTimeOffset recordedAt, string prevHash)
    {
        var row = new AuditEntry
        {
            Id = id,
            OccurredAt = ChainHash.ToStoredPrecision(entry.OccurredAt),
            RecordedAt = recordedAt,
            ActorId = entry.ActorId,
            ActorName = entry.ActorName,
            ActorRole = entry.ActorRole,
            Action = entry.Action,
            EntityType = entry.EntityType,
            EntityId = entry.EntityId,
            Ip = entry.Ip,
            UserAgent = entry.UserAgent,
            Outcome = entry.Outcome,
            // Stored in canonical form, so what is kept is exactly what was hashed.
            Before = entry.Before is null ? null : CanonicalJson.Canonicalize(entry.Before),
            After = entry.After is null ? null : CanonicalJson.Canonicalize(entry.After),
            Details = entry.Details is null ? null : CanonicalJson.Canonicalize(entry.Details),
            EventId = entry.EventId,
            PrevHash = prevHash,
        };
        row.Hash = ChainHash.Compute(row);
        return row;
    }

    private static NpgsqlBatchCommand InsertCommand(AuditEntry row)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.OccurredAt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.RecordedAt });
        command.Parameters.Add(Text(row.ActorId));
        command.Parameters.Add(Text(row.ActorName));
        command.Parameters.Add(Text(row.ActorRole));
        command.Parameters.Add(Text(row.Action));
        command.Parameters.Add(Text(row.EntityType));
        command.Parameters.Add(Text(row.EntityId));
        command.Parameters.Add(Text(row.Ip));
        command.Parameters.Add(Text(row.UserAgent));
        command.Parameters.Add(Text(row.Outcome));
        command.Parameters.Add(Json(row.Before));
        command.Parameters.Add(Json(row.After));
        command.Parameters.Add(Json(row.Details));
        command.Parameters.Add(Text(row.EventId));
        command.Parameters.Add(Text(row.PrevHash));
        command.Parameters.Add(Text(row.Hash));
        return command;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Json(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)value ?? DBNull.Value };
}
