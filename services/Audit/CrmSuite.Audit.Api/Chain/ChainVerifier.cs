using System.Data;
using CrmSuite.Audit.Api.Entries;
using ChainBreak = CrmSuite.Audit.Contracts.ChainBreak;
using CrmSuite.BuildingBlocks.Errors;
using Npgsql;

namespace CrmSuite.Audit.Api.Chain;

public sealed record ChainVerification(bool Ok, long RowsChecked, long FirstBrokenId, ChainBreak Reason, string Detail, long FromId, long ToId);

/// <summary>
/// Walks the chain in position order, recomputing every hash, and stops at the first row where it
/// is not intact:
/// <list type="bullet">
/// <item>a missing position (<see cref="ChainBreak.MissingRows"/>, reported at the first missing id): rows deleted;</item>
/// <item>prev_hash not the previous row's hash (<see cref="ChainBreak.PrevHashMismatch"/>): rows deleted, inserted or reordered;</item>
/// <item>the recomputed hash not the stored one (<see cref="ChainBreak.HashMismatch"/>): the row was edited;</item>
/// <item>checking to the end, the last row not being the chain head (<see cref="ChainBreak.HeadMismatch"/>,
/// or missing rows at the end): rows appended behind the service's back or cut off the end.</item>
/// </list>
/// Reads one snapshot (repeatable read), so appends meanwhile neither block nor confuse it.
/// </summary>
public sealed class ChainVerifier(NpgsqlDataSource dataSource)
{
    public async Task<ChainVerification> VerifyAsync(long fromId, long toId, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (fromId < 0)
        {
            errors.Add("from_id", "Must be a position (1 or more), or 0 for the start.");
        }
        if (toId < 0 || (toId > 0 && toId < fromId))
        {
            errors.Add("to_id", "Must be 0 (to the end) or a position not before from_id.");
        }
        errors.ThrowIfAny();
        var from = Math.Max(fromId, 1);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        long headId;
        string headHash;
        await using (var head = new NpgsqlCommand("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            headId = reader.GetInt64(0);
            headHash = reader.GetString(1);
        }
        var toEnd = toId == 0 || toId >= headId;
        var to = toId == 0 ? long.MaxValue : toId;

        string? expectedPrev = ChainHash.Genesis;
        if (from > 1)
        {
            await using var anchor = new NpgsqlCommand("SELECT hash FROM audit_entries WHERE id = $1", connection, transaction);
            anchor.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from - 1 });
            expectedPrev = await anchor.ExecuteScalarAsync(cancellationToken) as string;
            if (expectedPrev is null && from - 1 <= headId)
            {
                return Broken(0, from - 1, ChainBreak.MissingRows, $"Position {from - 1}, just before the range, is missing.", from, toId);
            }
        }

        var expectedId = from;
        long rowsChecked = 0;
        await using (var rows = new NpgsqlCommand($"SELECT {EntryColumns.All} FROM audit_entries WHERE id >= $1 AND id <= $2 ORDER BY id", connection, transaction))
        {
            rows.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
            rows.Parameters.Add(new NpgsqlParameter<long> { TypedValue = to });
            await using var reader = await rows.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            var row = new AuditEntry();
            while (await reader.ReadAsync(cancellationToken))
            {
                EntryColumns.Read(reader, row);
                if (row.Id != expectedId)
                {
                    return Broken(rowsChecked, expectedId, ChainBreak.MissingRows,
                        $"Positions {expectedId}..{row.Id - 1} are missing: rows were deleted.", from, row.Id);
                }
                if (!string.Equals(row.PrevHash, expectedPrev, StringComparison.Ordinal))
                {
                    return Broken(rowsChecked + 1, row.Id, ChainBreak.PrevHashMismatch,
                        $"Row {row.Id} does not link to row {row.Id - 1}: rows were deleted, inserted or reordered.", from, row.Id);
                }
                string computed;
                try
                {
                    computed = ChainHash.Compute(row);
                }
                catch (FormatException)
                {
                    computed = string.Empty;
                }
                if (!string.Equals(computed, row.Hash, StringComparison.Ordinal))
                {
                    return Broken(rowsChecked + 1, row.Id, ChainBreak.HashMismatch,
                        $"Row {row.Id} does not match its hash: it was edited after it was recorded.", from, row.Id);
                }
                // Linked and sealed correctly, yet the service never moved its head there: written behind its back.
                if (row.Id > headId)
                {
                    return Broken(rowsChecked + 1, row.Id, ChainBreak.HeadMismatch,
                        $"Row {row.Id} lies beyond the chain head ({headId}): it was not appended by the audit service.", from, row.Id);
                }
                expectedPrev = row.Hash;
                expectedId++;
                rowsChecked++;
            }
        }

        var last = expectedId - 1;
        if (toEnd && last < headId)
        {
            return Broken(rowsChecked, expectedId, ChainBreak.MissingRows,
                $"The chain ends at {last} but its head is {headId}: rows were cut off the end.", from, headId);
        }
        if (toEnd && last == headId && headId >= from && !string.Equals(expectedPrev, headHash, StringComparison.Ordinal))
        {
            return Broken(rowsChecked, headId, ChainBreak.HeadMismatch,
                $"The last row's hash is not the one the chain head recorded: row {headId} was replaced.", from, headId);
        }
        if (!toEnd && last < toId)
        {
            return Broken(rowsChecked, expectedId, ChainBreak.MissingRows,
                $"Positions {expectedId}..{toId} are missing: rows were deleted.", from, toId);
        }
        return new ChainVerification(true, rowsChecked, 0, ChainBreak.Unspecified,
            rowsChecked == 0 ? "Nothing to check in this range." : $"Rows {from}..{last} are intact.", from, toEnd ? last : toId);
    }

    private static ChainVerification Broken(long rowsChecked, long id, ChainBreak reason, string detail, long from, long to) =>
        new(false, rowsChecked, id, reason, detail, from, to);
}
