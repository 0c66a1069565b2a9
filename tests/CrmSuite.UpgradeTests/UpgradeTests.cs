using CrmSuite.Testing;
using Npgsql;

namespace CrmSuite.UpgradeTests;

/// <summary>
/// Issue 15, item 8: each service's database at the previous release's schema (EF's own tool
/// migrates a fresh database only up to the migration before the newest one), filled with the
/// rows of a suite in use (copied over by SQL, column by column as far as the older tables have
/// them), then upgraded with the service's own `migrate`, as the chart's pre-upgrade hook runs
/// it: every table keeps its rows, its keys and the values of every column it had.
/// </summary>
public sealed class UpgradeTests(SourceSuite source)
{
    public static TheoryData<string> Services => new(SuiteService.All.Select(s => s.Name));

    /// <summary>
    /// Columns the newest migrations replace, with how the older release held the value (to fill
    /// the previous schema from a suite's rows) and the same facts read before and after the upgrade.
    /// </summary>
    private static readonly Conversion[] Conversions =
    [
        // ProductVatKinds: the VAT rate as a number becomes the kind of rate.
        new("warehouse", "products", "vat_rate", "CASE vat_kind WHEN 'reduced' THEN 10 WHEN 'zero' THEN 0 WHEN 'usn5' THEN 5 WHEN 'usn7' THEN 7 ELSE 20 END",
            "SELECT id, CASE vat_rate WHEN 10 THEN 'reduced' WHEN 0 THEN 'zero' WHEN 5 THEN 'usn5' WHEN 7 THEN 'usn7' ELSE 'standard' END FROM products",
            "SELECT id, vat_kind FROM products"),
        // Only the newest migration of each service is upgraded across, so a conversion goes when a
        // newer migration lands (scheduling's OverdueMarks went with ProcessEngine, which only adds tables).
    ];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Upgrading_the_previous_releases_schema_with_data_loses_nothing(string name)
    {
        var service = SuiteService.Named(name);
        var migrations = service.Migrations;
        Assert.NotEmpty(migrations);
        // The previous release: everything but the newest migration (a service with one migration
        // has had no schema change since: its migrate must leave the data as it is).
        var previousIndex = migrations.Count > 1 ? migrations.Count - 2 : migrations.Count - 1;
        var previous = migrations[previousIndex];
        var database = $"{service.Database}_previous";
        await SourceSuite.ExecuteAsync(source.Postgres.ConnectionString("postgres"), $"CREATE DATABASE {database}");
        var upgraded = source.Postgres.ConnectionString(database);

        await EfTool.UpdateAsync(service, previous, upgraded);
        var conversions = Conversions.Where(c => c.Service == name).ToList();
        var copied = await CopyRowsAsync(source.Postgres.ConnectionString(service.Database), upgraded, conversions);
        var replaced = conversions.Select(c => (c.Table, c.Column)).ToList();
        var before = await DatabaseSnapshot.TakeAsync(upgraded, except: replaced);
        var converted = new List<(Conversion Conversion, long Rows, string Digest)>();
        foreach (var conversion in conversions.Where(c => c.Before.Length > 0))
        {
            var (convertedRows, digest) = await DatabaseSnapshot.QueryDigestAsync(upgraded, conversion.Before);
            converted.Add((conversion, convertedRows, digest));
        }
        Assert.Equal(previousIndex + 1, before[DatabaseSnapshot.MigrationHistory].Rows);

        await service.MigrateAsync(upgraded, source.Issuer.Url);

        var after = await DatabaseSnapshot.TakeAsync(upgraded, before, replaced);
        Assert.Equal(migrations.Count, after[DatabaseSnapshot.MigrationHistory].Rows);
        var rows = 0L;
        foreach (var (table, figures) in before.Where(t => t.Key != DatabaseSnapshot.MigrationHistory))
        {
            Assert.True(after.ContainsKey(table), $"{name}: table {table} ({figures.Rows} rows) is gone after the upgrade");
            var now = after[table];
            Assert.True(figures.Rows == now.Rows, $"{name}.{table}: {figures.Rows} rows before the upgrade, {now.Rows} after");
            Assert.True(figures.KeyDigest == now.KeyDigest, $"{name}.{table}: the primary keys changed in the upgrade");
            Assert.True(figures.Columns.SequenceEqual(now.Columns), $"{name}.{table}: columns dropped without a conversion: {string.Join(", ", figures.Columns.Except(now.Columns))}");
            // Identity's migrate registers the staff UI's client again on every run (secret, addresses): by design.
            Assert.True(figures.RowDigest == now.RowDigest || (name, table) == ("identity", "OpenIddictApplications"),
                $"{name}.{table}: values of the columns it had changed in the upgrade");
            rows += figures.Rows;
        }
        Assert.Equal(copied, rows);
        foreach (var (conversion, convertedRows, digest) in converted)
        {
            // The replaced column's facts are all there in their new place.
            Assert.Equal((convertedRows, digest), await DatabaseSnapshot.QueryDigestAsync(upgraded, conversion.After));
            TestReport.Print($"Upgrade test, {name}: {conversion.Table}.{conversion.Column} converted for {convertedRows} rows, identical after migrate.");
        }
        var filled = before.Count(t => t.Key != DatabaseSnapshot.MigrationHistory && t.Value.Rows > 0);
        TestReport.Print($"Upgrade test, {name}: {previous} -> {migrations[^1]} ({migrations.Count - previousIndex - 1} migration(s)); "
            + $"{before.Count - 1} tables ({filled} with rows), {rows} rows: row counts, keys and values identical after migrate.");
        if (name is "clients" or "warehouse" or "audit" or "identity" or "documents" or "scheduling" or "kpi")
        {
            // These hold the suite's records (demo data, the companies, deal, receipts, tasks, meetings and their
            // reminders, facts and the scheme, audit entries, the administrator).
            Assert.True(rows > 0, $"{name}: no rows were copied into the previous schema, the test would prove nothing");
        }
    }

    /// <summary>
    /// Copies every table's rows from the current schema into the previous one, the columns both
    /// have, with triggers and foreign-key checks off for the load (session_replication_role).
    /// </summary>
    private static async Task<long> CopyRowsAsync(string from, string to, IReadOnlyList<Conversion> conversions)
    {
        await using var source = new NpgsqlConnection(from);
        await using var target = new NpgsqlConnection(to);
        await source.OpenAsync();
        await target.OpenAsync();
        await using (var replica = new NpgsqlCommand("SET session_replication_role = replica", target))
        {
            await replica.ExecuteNonQueryAsync();
        }
        var sourceTables = (await DatabaseSnapshot.TablesAsync(source)).ToHashSet();
        var tables = (await DatabaseSnapshot.TablesAsync(target)).Where(t => t != DatabaseSnapshot.MigrationHistory && sourceTables.Contains(t)).ToList();
        // The rows the older migrations seeded (a default pipeline, roles) come from the source as well.
        await ExecuteAsync(target, $"TRUNCATE {string.Join(", ", tables.Select(DatabaseSnapshot.Quote))}");
        long copied = 0;
        foreach (var table in tables)
        {
            var have = await DatabaseSnapshot.ColumnsAsync(source, table);
            var all = await DatabaseSnapshot.ColumnsAsync(target, table);
            var converted = conversions.Where(c => c.Table == table && all.Contains(c.Column)).ToList();
            var copiedColumns = all.Where(have.Contains).Concat(converted.Select(c => c.Column)).ToList();
            var columns = string.Join(", ", copiedColumns.Select(DatabaseSnapshot.Quote));
            var selected = string.Join(", ", all.Where(have.Contains).Select(DatabaseSnapshot.Quote).Concat(converted.Select(c => c.FromCurrent)));
            // Any other column the newer release dropped gets a plain value (0, '', false, now) where
            // the older schema requires one.
            var filled = await RequiredWithoutDefaultAsync(target, table, all.Where(c => !copiedColumns.Contains(c)));
            foreach (var (column, value) in filled)
            {
                await ExecuteAsync(target, $"ALTER TABLE {DatabaseSnapshot.Quote(table)} ALTER COLUMN {DatabaseSnapshot.Quote(column)} SET DEFAULT {value}");
            }
            string data;
            using (var reader = await source.BeginTextExportAsync($"COPY (SELECT {selected} FROM {DatabaseSnapshot.Quote(table)}) TO STDOUT"))
            {
                data = await reader.ReadToEndAsync();
            }
            await using (var writer = await target.BeginTextImportAsync($"COPY {DatabaseSnapshot.Quote(table)} ({columns}) FROM STDIN"))
            {
                await writer.WriteAsync(data);
            }
            foreach (var (column, _) in filled)
            {
                await ExecuteAsync(target, $"ALTER TABLE {DatabaseSnapshot.Quote(table)} ALTER COLUMN {DatabaseSnapshot.Quote(column)} DROP DEFAULT");
            }
            copied += data.Count(c => c == '\n');
        }
        return copied;
    }

    private static async Task<List<(string Column, string Value)>> RequiredWithoutDefaultAsync(NpgsqlConnection connection, string table, IEnumerable<string> columns)
    {
        var filled = new List<(string, string)>();
        foreach (var column in columns)
        {
            await using var command = new NpgsqlCommand("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = ('public.' || quote_ident(@table))::regclass AND attname = @column AND attnotnull AND NOT atthasdef
                """, connection);
            command.Parameters.AddWithValue("table", table);
            command.Parameters.AddWithValue("column", column);
            if (await command.ExecuteScalarAsync() is string type)
            {
                filled.Add((column, type switch
                {
                    _ when type.EndsWith("[]", StringComparison.Ordinal) => "'{}'",
                    "boolean" => "false",
                    "uuid" => "gen_random_uuid()",
                    "jsonb" or "json" => "'{}'",
                    "date" => "current_date",
                    _ when type.StartsWith("timestamp", StringComparison.Ordinal) => "now()",
                    _ when type.StartsWith("character", StringComparison.Ordinal) || type == "text" => "''",
                    _ => "0",
                }));
            }
        }
        return filled;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A column the newest migration replaces: its value from the current schema, the facts before and after.</summary>
internal sealed record Conversion(string Service, string Table, string Column, string FromCurrent, string Before, string After);
