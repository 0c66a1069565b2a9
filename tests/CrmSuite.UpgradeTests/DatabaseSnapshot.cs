using Npgsql;

namespace CrmSuite.UpgradeTests;

/// <summary>What a table holds, in figures: its rows, a digest of its primary keys, a digest of its rows.</summary>
public sealed record TableFigures(long Rows, string KeyDigest, string RowDigest, IReadOnlyList<string> Columns);

/// <summary>
/// Every table of a database's public schema in figures, to compare a database before and after a
/// dump and restore, or a migration. Digests are md5 over the rows' text forms in sorted order, so
/// equal digests mean equal keys (or rows), whatever order the tables return them in.
/// </summary>
public static class DatabaseSnapshot
{
    public const string MigrationHistory = "__EFMigrationsHistory";

    /// <param name="columnsOf">After a migration: compare on the columns each table had before it.</param>
    /// <param name="except">Columns left out (one a migration replaces, compared on its own).</param>
    public static async Task<IReadOnlyDictionary<string, TableFigures>> TakeAsync(string connectionString,
        IReadOnlyDictionary<string, TableFigures>? columnsOf = null, IReadOnlyCollection<(string Table, string Column)>? except = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var figures = new SortedDictionary<string, TableFigures>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(connection))
        {
            var columns = (await ColumnsAsync(connection, table)).Where(c => except?.Contains((table, c)) != true).ToList();
            // After a migration, rows are compared on the columns the table had before it.
            var compared = columnsOf?.TryGetValue(table, out var before) == true ? before.Columns.Where(columns.Contains).ToList() : columns;
            var keys = await PrimaryKeyAsync(connection, table);
            figures[table] = new TableFigures(
                await ScalarAsync<long>(connection, $"SELECT count(*) FROM {Quote(table)}"),
                await DigestAsync(connection, table, keys.Count > 0 ? keys : compared),
                await DigestAsync(connection, table, compared),
                compared);
        }
        return figures;
    }

    public static async Task<IReadOnlyList<string>> TablesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1
            """, connection);
        return await ReadAsync(command);
    }

    /// <summary>The table's stored columns (generated ones are derived, not data), in order.</summary>
    public static async Task<IReadOnlyList<string>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("""
            SELECT attname FROM pg_attribute WHERE attrelid = ('public.' || quote_ident(@table))::regclass
              AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum
            """, connection);
        command.Parameters.AddWithValue("table", table);
        return await ReadAsync(command);
    }

    private static async Task<IReadOnlyList<string>> PrimaryKeyAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = ('public.' || quote_ident(@table))::regclass AND i.indisprimary
            ORDER BY array_position(i.indkey::int2[], a.attnum)
            """, connection);
        command.Parameters.AddWithValue("table", table);
        return await ReadAsync(command);
    }

    private static async Task<string> DigestAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns)
    {
        if (columns.Count == 0)
        {
            return "";
        }
        var row = string.Join(", ", columns.Select(Quote));
        return await ScalarAsync<string>(connection,
            $"SELECT coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') FROM (SELECT ROW({row})::text AS r FROM {Quote(table)}) s");
    }

    /// <summary>The rows of a query and their digest (order-independent).</summary>
    public static async Task<(long Rows, string Digest)> QueryDigestAsync(string connectionString, string query)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*), coalesce(md5(string_agg(q::text, E'\\n' ORDER BY q::text)), '') FROM ({query}) q", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetString(1));
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<IReadOnlyList<string>> ReadAsync(NpgsqlCommand command)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
