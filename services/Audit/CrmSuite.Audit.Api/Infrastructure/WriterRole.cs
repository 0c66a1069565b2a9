using Npgsql;

namespace CrmSuite.Audit.Api.Infrastructure;

/// <summary>
/// The database role the audit service runs as. The log is append-only for it: it may INSERT and
/// SELECT entries and alerts, move the chain head, and nothing else — no UPDATE, DELETE or
/// TRUNCATE of the log, no DDL. Even a compromised service cannot rewrite history; someone with
/// the owner's credentials still can, and <see cref="Chain.ChainVerifier"/> then shows where.
/// Run by the migration step as the owner (who needs CREATEROLE to create the role the first time).
/// </summary>
public static class WriterRole
{
    public const string Name = "audit_writer";
    public const string PasswordKey = "Audit:WriterPassword";

    public static async Task EnsureAsync(NpgsqlDataSource owner, string password, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        if (!await RoleExistsAsync(connection, cancellationToken))
        {
            try
            {
                // CREATE ROLE takes no parameters: the password goes in as a quoted literal.
                await ExecuteAsync(connection,
                    $"CREATE ROLE {Name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION PASSWORD {Literal(password)}",
                    cancellationToken);
                logger.LogInformation("Created the database role {Role}", Name);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                // Another migration run (another database on the same server) created it meanwhile.
            }
        }
        await EnsureNotPrivilegedAsync(connection, cancellationToken);

        var database = QuoteIdentifier(connection.Database);
        string[] grants =
        [
            $"GRANT CONNECT ON DATABASE {database} TO {Name}",
            $"GRANT USAGE ON SCHEMA public TO {Name}",
            // Start from nothing on every table, then grant exactly what the service needs.
            $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {Name}",
            $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {Name}",
            $"GRANT SELECT, INSERT ON audit_entries, audit_alerts TO {Name}",
            // The service checks at start that the database has every migration it knows (SchemaCheck).
            $"GRANT SELECT ON \"__EFMigrationsHistory\" TO {Name}",
            // Appends lock the head with SELECT … FOR UPDATE (which needs UPDATE) and move it on.
            $"GRANT SELECT, UPDATE ON audit_chain_head TO {Name}",
            $"REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_alerts FROM {Name}, PUBLIC",
            $"REVOKE INSERT, DELETE, TRUNCATE ON audit_chain_head FROM {Name}, PUBLIC",
            $"GRANT USAGE, SELECT ON SEQUENCE {await SequenceOfAsync(connection, "audit_entries", cancellationToken)}, "
                + $"{await SequenceOfAsync(connection, "audit_alerts", cancellationToken)} TO {Name}",
        ];
        foreach (var grant in grants)
        {
            await ExecuteAsync(connection, grant, cancellationToken);
        }
        logger.LogInformation("Role {Role} may append to and read the audit log of {Database}, not change or delete it", Name, connection.Database);
    }

    private static async Task<bool> RoleExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Grants do not bind a superuser or the tables' owner: refuse to run the service as either.</summary>
    private static async Task EnsureNotPrivilegedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.rolsuper OR r.rolbypassrls
                OR EXISTS (SELECT 1 FROM pg_tables t WHERE t.tablename = 'audit_entries' AND t.tableowner = r.rolname)
            FROM pg_roles r WHERE r.rolname = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            throw new InvalidOperationException($"The role {Name} is a superuser or owns the audit tables; the log would not be append-only for it.");
        }
    }

    private static async Task<string> SequenceOfAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_get_serial_sequence($1, 'id')", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        return await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidOperationException($"{table}.id has no sequence.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A SQL string literal (standard_conforming_strings is on since PostgreSQL 9.1: only quotes need doubling).</summary>
    internal static string Literal(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The password must not contain NUL characters.", nameof(value));
        }
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
