using System.Diagnostics;
using System.Globalization;
using CrmSuite.Audit.Api.Chain;
using CrmSuite.Audit.Api.Entries;
using CrmSuite.Audit.Contracts;
using Microsoft.Extensions.DependencyInjection;
using CrmSuite.Testing;
using Npgsql;
using NpgsqlTypes;
using AuditEntry = CrmSuite.Audit.Api.Entries.AuditEntry;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>
/// Someone with the database owner's password changes the log behind the service's back. The chain
/// must show it, at the exact first row that is no longer intact, for every kind of change.
/// The measurements are printed to the test's output (`dotnet test … --output Detailed` shows them).
/// </summary>
public sealed class TamperTests(AuditApi api) : IClassFixture<AuditApi>
{
    private const int Rows = 10_000;
    private const int BatchSize = 1_000;
    private const int RandomSamples = 18;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private enum Tampering
    {
        EditField,
        EditAndResealRow,
        DeleteRow,
        InsertForgedRow,
        SwapTwoRows,
    }

    private sealed record Case(Tampering Kind, long Row, long ExpectedFirstBroken, ChainBreak ExpectedReason, string What);

    [Fact]
    public async Task Every_tampering_is_reported_at_the_exact_first_broken_row()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var chain = api.Services.GetRequiredService<AuditChain>();

        // Build the chain through the service's own append code, a thousand entries per transaction.
        var build = Stopwatch.StartNew();
        for (var batch = 0; batch < Rows / BatchSize; batch++)
        {
            var result = await chain.AppendAsync(Enumerable.Range(batch * BatchSize, BatchSize).Select(NewEntry).ToList(), Ct);
            Assert.Equal(BatchSize, result.Appended.Count);
        }
        build.Stop();
        output.WriteLine($"Built a chain of {Rows:N0} rows in {build.Elapsed.TotalSeconds:F1} s ({Rows / build.Elapsed.TotalSeconds:N0} rows/s appended).");

        await OwnerAsync("""
            CREATE TABLE tamper_pristine AS SELECT * FROM audit_entries;
            CREATE TABLE tamper_pristine_head AS SELECT * FROM audit_chain_head;
            """);

        // Verification speed on the intact chain (printed, not asserted: it depends on the machine).
        var timings = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            var intact = await api.Grpc.VerifyChainAsync(new VerifyChainRequest(), cancellationToken: Ct);
            watch.Stop();
            Assert.True(intact.Ok, intact.Detail);
            // Each verification is itself appended to the chain (audit.verify), after its check.
            Assert.Equal(Rows + run, intact.RowsChecked);
            timings.Add(watch.Elapsed.TotalSeconds);
        }
        var best = timings.Min();
        TestReport.Print($"Chain verification: {Rows:N0} rows in {best * 1000:F0} ms (best of 3) = {Rows / best:N0} rows/s; "
            + $"runs: {string.Join(", ", timings.Select(t => (t * 1000).ToString("F0", CultureInfo.InvariantCulture) + " ms"))}.");

        // The first and last rows always, plus random ones (the seed is printed to replay a failure).
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var sample = new SortedSet<long> { 1, Rows };
        while (sample.Count < RandomSamples + 2)
        {
            sample.Add(random.NextInt64(2, Rows));
        }
        output.WriteLine($"Sampled rows (seed {seed}): {string.Join(", ", sample)}.");

        var cases = 0;
        var detected = 0;
        var missed = new List<string>();
        var verifyTime = TimeSpan.Zero;
        long rowsChecked = 0;
        foreach (var row in sample)
        {
            foreach (var kind in Enum.GetValues<Tampering>())
            {
                var tampering = await TamperAsync(kind, row, random);
                var watch = Stopwatch.StartNew();
                var verdict = await api.Grpc.VerifyChainAsync(new VerifyChainRequest(), cancellationToken: Ct);
                verifyTime += watch.Elapsed;
                rowsChecked += verdict.RowsChecked;
                cases++;
                if (!verdict.Ok && verdict.FirstBrokenId == tampering.ExpectedFirstBroken && verdict.Reason == tampering.ExpectedReason)
                {
                    detected++;
                }
                else
                {
                    missed.Add($"{tampering.What}: expected first broken {tampering.ExpectedFirstBroken} ({tampering.ExpectedReason}), "
                        + $"got ok={verdict.Ok} first_broken_id={verdict.FirstBrokenId} ({verdict.Reason}) {verdict.Detail}");
                }
                await RestoreAsync();
            }
        }

        TestReport.Print($"Tampering: rows {Rows:N0}, cases {cases}, detected at the exact first broken row {detected}, "
            + $"kinds {string.Join("/", Enum.GetNames<Tampering>())}; verification during the cases checked {rowsChecked:N0} rows at {rowsChecked / verifyTime.TotalSeconds:N0} rows/s.");
        foreach (var miss in missed)
        {
            output.WriteLine("MISSED " + miss);
        }
        Assert.Empty(missed);
        Assert.Equal(sample.Count * Enum.GetValues<Tampering>().Length, detected);

        var restored = await api.Grpc.VerifyChainAsync(new VerifyChainRequest(), cancellationToken: Ct);
        Assert.True(restored.Ok, restored.Detail);
    }

    private async Task<Case> TamperAsync(Tampering kind, long row, Random random)
    {
        switch (kind)
        {
            case Tampering.EditField:
            {
                // A different column each time: text, jsonb, time, outcome, the record, the snapshot.
                string[] edits =
                [
                    "actor_name = coalesce(actor_name, '') || '.'",
                    "details = jsonb_set(coalesce(details, '{}'), '{rowCount}', '999999')",
                    "occurred_at = occurred_at + interval '1 microsecond'",
                    "outcome = CASE WHEN outcome = 'success' THEN 'denied' ELSE 'success' END",
                    "entity_id = 'company-0'",
                    "before = '{\"name\":\"Rewritten\"}'",
                ];
                var edit = edits[row % edits.Length];
                if (edit.StartsWith("entity_id", StringComparison.Ordinal) && await OwnerScalarAsync<string>($"SELECT entity_id FROM audit_entries WHERE id = {row}") == "company-0")
                {
                    edit = "entity_id = 'company-1'";
                }
                await OwnerAsync($"UPDATE audit_entries SET {edit} WHERE id = {row}");
                return new Case(kind, row, row, ChainBreak.HashMismatch, $"edit row {row} ({edit})");
            }
            case Tampering.EditAndResealRow:
            {
                // An attacker who knows the algorithm edits a row and gives it a correct hash: the next row no longer links to it.
                var entry = await ReadAsync(row);
                entry.Outcome = entry.Outcome == "success" ? "denied" : "success";
                entry.Hash = ChainHash.Compute(entry);
                await OwnerAsync("UPDATE audit_entries SET outcome = $1, hash = $2 WHERE id = $3", entry.Outcome, entry.Hash, row);
                return row == Rows
                    ? new Case(kind, row, row, ChainBreak.HeadMismatch, $"edit and reseal the last row {row}")
                    : new Case(kind, row, row + 1, ChainBreak.PrevHashMismatch, $"edit and reseal row {row}");
            }
            case Tampering.DeleteRow:
                await OwnerAsync($"DELETE FROM audit_entries WHERE id = {row}");
                return new Case(kind, row, row, ChainBreak.MissingRows, $"delete row {row}");
            case Tampering.InsertForgedRow:
            {
                // Make room at the position (ids are gapless), then insert a row that links correctly to its predecessor.
                await OwnerAsync($"UPDATE audit_entries SET id = -id WHERE id >= {row}; UPDATE audit_entries SET id = -id + 1 WHERE id < 0;");
                var forged = await ReadAsync(row + 1);
                forged.Id = row;
                forged.ActorId = "manager-anna";
                forged.ActorName = "Анна";
                forged.Action = "clients.company.deleted";
                forged.EventId = "forged-" + Guid.NewGuid();
                forged.PrevHash = row == 1 ? ChainHash.Genesis : (await ReadAsync(row - 1)).Hash;
                forged.Hash = ChainHash.Compute(forged);
                await InsertAsync(forged);
                return new Case(kind, row, row + 1, ChainBreak.PrevHashMismatch, $"insert a forged row at {row}");
            }
            default:
            {
                // Swap what happened between two rows, leaving positions, event ids and hashes in place.
                long other;
                do
                {
                    other = random.NextInt64(1, Rows + 1);
                }
                while (other == row);
                const string columns = "occurred_at, recorded_at, actor_id, actor_name, actor_role, action, entity_type, entity_id, ip, user_agent, outcome, before, after, details";
                var set = string.Join(", ", columns.Split(", ").Select(c => $"{c} = s.{c}"));
                await OwnerAsync($"UPDATE audit_entries t SET {set} FROM audit_entries s WHERE (t.id = {row} AND s.id = {other}) OR (t.id = {other} AND s.id = {row})");
                return new Case(kind, row, Math.Min(row, other), ChainBreak.HashMismatch, $"swap rows {row} and {other}");
            }
        }
    }

    private Task RestoreAsync() => OwnerAsync("""
        BEGIN;
        TRUNCATE audit_entries;
        INSERT INTO audit_entries SELECT * FROM tamper_pristine;
        UPDATE audit_chain_head h SET last_id = p.last_id, last_hash = p.last_hash FROM tamper_pristine_head p WHERE h.id = p.id;
        COMMIT;
        """);

    private static NewAuditEntry NewEntry(int i)
    {
        string[] actors = ["manager-anna", "manager-boris", "manager-oleg", "head-north", "director-1", "accountant-1", "integration-1c"];
        string[] names = ["Анна", "Борис", "Олег", "Руководитель", "Директор", "Бухгалтер", null!];
        string[] actions = ["clients.company.viewed", "clients.company.updated", "clients.contact.created", "deals.stage.changed", "documents.generated"];
        var action = actions[i % actions.Length];
        var updated = action == "clients.company.updated";
        return new NewAuditEntry(
            EventId: $"tamper-{i}",
            OccurredAt: Start.AddSeconds(i * 7.3),
            ActorId: actors[i % actors.Length],
            ActorName: names[i % names.Length],
            ActorRole: i % actors.Length == 6 ? null : "SalesManager",
            Action: action,
            EntityType: "company",
            EntityId: $"company-{i % 997}",
            Ip: $"10.0.{i % 256}.{i % 199}",
            UserAgent: i % 11 == 0 ? null : "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
            Outcome: i % 37 == 0 ? "denied" : "success",
            Before: updated ? $$"""{"name":"ООО «Ромашка {{i}}»","inn":"7707083893","revenue":1.50}""" : null,
            After: updated ? $$"""{"name":"ООО «Ромашка {{i + 1}}»","inn":"7707083893","revenue":1E2}""" : null,
            Details: i % 13 == 0 ? null : $$"""{"n":{{i}},"rowCount":{{i % 300}},"note":"строка {{i}}","tags":["a","b"]}""");
    }

    private async Task<AuditEntry> ReadAsync(long id)
    {
        await using var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT {EntryColumns.All} FROM audit_entries WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return EntryColumns.Read(reader);
    }

    private async Task InsertAsync(AuditEntry entry)
    {
        object?[] values =
        [
            entry.Id, entry.OccurredAt, entry.RecordedAt, entry.ActorId, entry.ActorName, entry.ActorRole, entry.Action, entry.EntityType,
            entry.EntityId, entry.Ip, entry.UserAgent, entry.Outcome, entry.Before, entry.After, entry.Details, entry.EventId, entry.PrevHash, entry.Hash,
        ];
        await using var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            $"INSERT INTO audit_entries ({EntryColumns.All}) VALUES ({string.Join(", ", values.Select((_, i) => "$" + (i + 1)))})", connection);
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = new NpgsqlParameter { Value = values[i] ?? DBNull.Value };
            if (i is 12 or 13 or 14)
            {
                parameter.NpgsqlDbType = NpgsqlDbType.Jsonb;
            }
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task OwnerAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<T> OwnerScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
