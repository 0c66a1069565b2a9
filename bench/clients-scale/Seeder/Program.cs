using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmSuite.Bench.ClientsSeeder;
using Npgsql;
using NpgsqlTypes;

// Loads N companies into the clients service's schema (run the service's `migrate` first) with
// PostgreSQL binary COPY, or writes them as CSV for `psql \copy`. Used by bench/clients-scale/run.sh.
//
//   CrmSuite.Bench.ClientsSeeder --connection "Host=...;Database=clientsdb" [--count 1000000] [--seed 42] [--defer-indexes]
//   CrmSuite.Bench.ClientsSeeder --csv companies.csv [--count 100000] [--seed 7] [--unique-contacts]
// --unique-contacts gives every row its own email and phone (+7 999 …): a file of new clients,
// so an import of it creates rows rather than merging into the seeded ones.
//
// --defer-indexes drops the companies table's secondary indexes before the COPY and recreates each
// from the definition PostgreSQL reported for it (pg_get_indexdef), so the schema ends up exactly
// as the migrations made it; building an index once is much cheaper than maintaining nine per row.
var options = SeedOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: --connection CONNECTION_STRING | --csv PATH  [--count N] [--seed S] [--defer-indexes] [--unique-contacts]");
    return 2;
}

// Microsecond precision: what timestamptz stores, so a CSV row and a COPY row are the same row.
var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
var generator = new CompanyGenerator(options.Seed, now, options.UniqueContacts);
var total = Stopwatch.StartNew();

if (options.CsvPath is not null)
{
    await using var csv = new StreamWriter(options.CsvPath, false, new UTF8Encoding(false));
    await csv.WriteLineAsync(string.Join(',', CompanyColumns.Names));
    for (var i = 0; i < options.Count; i++)
    {
        await csv.WriteLineAsync(CompanyColumns.ToCsv(generator.Next()));
    }
    Console.WriteLine(FormattableString.Invariant(
        $"wrote {options.Count} rows to {options.CsvPath} in {total.Elapsed.TotalSeconds:F1} s ({options.Count / total.Elapsed.TotalSeconds:F0} rows/s); phones rejected by the service's normalisation: {generator.PhonesRejected}"));
    return 0;
}

await using var connection = new NpgsqlConnection(options.ConnectionString);
await connection.OpenAsync();
await Execute(connection, "SET maintenance_work_mem = '256MB'");

var deferred = new List<(string Name, string Definition)>();
var wordKeys = new List<(string Name, string Definition)>();
var wordIndexes = new List<(string Name, string Definition)>();
if (options.DeferIndexes)
{
    await using (var command = new NpgsqlCommand(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'companies'::regclass AND NOT x.indisprimary
        ORDER BY i.relname
        """, connection))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            deferred.Add((reader.GetString(0), reader.GetString(1)));
        }
    }
    foreach (var (name, _) in deferred)
    {
        await Execute(connection, $"DROP INDEX \"{name}\"");
    }
    Console.WriteLine($"deferred {deferred.Count} secondary indexes: {string.Join(", ", deferred.Select(d => d.Name))}");

    // The search word index (migration CompanySearchWords) is filled in one statement after the
    // COPY instead of by its trigger row by row, and its own indexes built once afterwards.
    await Execute(connection, "ALTER TABLE companies DISABLE TRIGGER company_search_words_added");
    await using (var command = new NpgsqlCommand(
        """
        SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
        WHERE c.conrelid = 'company_search_words'::regclass AND c.contype = 'p'
        """, connection))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            wordKeys.Add((reader.GetString(0), reader.GetString(1)));
        }
    }
    await using (var command = new NpgsqlCommand(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'company_search_words'::regclass AND NOT x.indisprimary
        """, connection))
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            wordIndexes.Add((reader.GetString(0), reader.GetString(1)));
        }
    }
    foreach (var (name, _) in wordKeys)
    {
        await Execute(connection, $"ALTER TABLE company_search_words DROP CONSTRAINT \"{name}\"");
    }
    foreach (var (name, _) in wordIndexes)
    {
        await Execute(connection, $"DROP INDEX \"{name}\"");
    }
}

var copy = Stopwatch.StartNew();
await using (var writer = await connection.BeginBinaryImportAsync(
    $"COPY companies ({string.Join(", ", CompanyColumns.Names)}) FROM STDIN (FORMAT BINARY)"))
{
    for (var i = 1; i <= options.Count; i++)
    {
        var c = generator.Next();
        await writer.StartRowAsync();
        await writer.WriteAsync(c.Id, NpgsqlDbType.Uuid);
        await writer.WriteAsync(c.Name, NpgsqlDbType.Varchar);
        await WriteNullable(writer, c.Inn);
        await WriteNullable(writer, c.Email);
        await WriteNullable(writer, c.Phone);
        await writer.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz);
        await writer.WriteAsync(c.UpdatedAt, NpgsqlDbType.TimestampTz);
        if (c.ArchivedAt is { } archived)
        {
            await writer.WriteAsync(archived, NpgsqlDbType.TimestampTz);
        }
        else
        {
            await writer.WriteNullAsync();
        }
        await writer.WriteAsync(c.OwnerUserId, NpgsqlDbType.Varchar);
        await WriteNullable(writer, c.TeamId);
        if (i % 100_000 == 0)
        {
            Console.WriteLine(FormattableString.Invariant($"  {i,9} rows  {i / copy.Elapsed.TotalSeconds,8:F0} rows/s"));
        }
    }
    await writer.CompleteAsync();
}
copy.Stop();
Console.WriteLine(FormattableString.Invariant(
    $"COPY (binary): {options.Count} rows in {copy.Elapsed.TotalSeconds:F1} s = {options.Count / copy.Elapsed.TotalSeconds:F0} rows/s{(options.DeferIndexes ? " (primary key only)" : " (with every index)")}"));

if (deferred.Count > 0)
{
    var build = Stopwatch.StartNew();
    foreach (var (name, definition) in deferred)
    {
        var one = Stopwatch.StartNew();
        await Execute(connection, definition, timeoutSeconds: 0);
        Console.WriteLine(FormattableString.Invariant($"  rebuilt {name} in {one.Elapsed.TotalSeconds:F1} s"));
    }
    Console.WriteLine(FormattableString.Invariant($"indexes rebuilt in {build.Elapsed.TotalSeconds:F1} s"));

    var words = Stopwatch.StartNew();
    var wordRows = await ExecuteCount(connection,
        """
        INSERT INTO company_search_words (prefix, name, company_id, word)
        SELECT left(w, 3), c.name, c.id, w FROM companies c, company_search_words_of(c.name, c.email, c.inn, c.phone, c.custom_search_text) AS w
        """);
    foreach (var (name, definition) in wordKeys)
    {
        await Execute(connection, $"ALTER TABLE company_search_words ADD CONSTRAINT \"{name}\" {definition}", timeoutSeconds: 0);
    }
    foreach (var (_, definition) in wordIndexes)
    {
        await Execute(connection, definition, timeoutSeconds: 0);
    }
    await Execute(connection, "ALTER TABLE companies ENABLE TRIGGER company_search_words_added");
    Console.WriteLine(FormattableString.Invariant($"search words: {wordRows} rows with their indexes in {words.Elapsed.TotalSeconds:F1} s"));
}
total.Stop();
Console.WriteLine(FormattableString.Invariant(
    $"seeded {options.Count} companies in {total.Elapsed.TotalSeconds:F1} s = {options.Count / total.Elapsed.TotalSeconds:F0} rows/s overall; phones rejected by the service's normalisation: {generator.PhonesRejected}"));
return 0;

static async Task WriteNullable(NpgsqlBinaryImporter writer, string? value)
{
    if (value is null)
    {
        await writer.WriteNullAsync();
    }
    else
    {
        await writer.WriteAsync(value, NpgsqlDbType.Varchar);
    }
}

static async Task Execute(NpgsqlConnection connection, string sql, int timeoutSeconds = 30) =>
    await ExecuteCount(connection, sql, timeoutSeconds);

static async Task<int> ExecuteCount(NpgsqlConnection connection, string sql, int timeoutSeconds = 0)
{
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
    return await command.ExecuteNonQueryAsync();
}

internal static class CompanyColumns
{
    /// <summary>Every column the service writes; search_vector is generated by PostgreSQL, xmin is a system column.</summary>
    public static readonly string[] Names =
        ["id", "name", "inn", "email", "phone", "created_at", "updated_at", "archived_at", "owner_user_id", "team_id"];

    /// <summary>PostgreSQL CSV: an unquoted empty field is NULL, a quoted one is an empty string.</summary>
    public static string ToCsv(SeedCompany c) => string.Join(',',
        Quote(c.Id.ToString()), Quote(c.Name), Quote(c.Inn), Quote(c.Email), Quote(c.Phone),
        Quote(Timestamp(c.CreatedAt)), Quote(Timestamp(c.UpdatedAt)), Quote(c.ArchivedAt is { } a ? Timestamp(a) : null),
        Quote(c.OwnerUserId), Quote(c.TeamId));

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", CultureInfo.InvariantCulture);

    private static string Quote(string? value) => value is null ? string.Empty : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

internal sealed record SeedOptions(string? ConnectionString, string? CsvPath, int Count, int Seed, bool DeferIndexes, bool UniqueContacts)
{
    public static SeedOptions? Parse(string[] args)
    {
        string? connection = Environment.GetEnvironmentVariable("CLIENTS_DB"), csv = null;
        int count = 1_000_000, seed = 42;
        var defer = false;
        var unique = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--connection": connection = Value(); break;
                case "--csv": csv = Value(); break;
                case "--count": count = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--defer-indexes": defer = true; break;
                case "--unique-contacts": unique = true; break;
                default: return null;
            }
        }
        return count > 0 && (csv is not null || !string.IsNullOrEmpty(connection))
            ? new SeedOptions(connection, csv, count, seed, defer, unique)
            : null;
    }
}
