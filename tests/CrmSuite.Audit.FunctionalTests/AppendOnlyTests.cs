using CrmSuite.Audit.Api.Infrastructure;
using Npgsql;

namespace CrmSuite.Audit.FunctionalTests;

/// <summary>
/// The role the service runs as can add to the log and read it, never change or remove it: even a
/// compromised audit service cannot rewrite history.
/// </summary>
public sealed class AppendOnlyTests(AuditApi api) : IClassFixture<AuditApi>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries") == 0)
        {
            await api.DeliverAsync(new AuditData(EntityId: "append-only-1"), "append-only-1", Ct);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("UPDATE audit_entries SET actor_name = 'Someone else' WHERE id = 1")]
    [InlineData("UPDATE audit_entries SET hash = prev_hash")]
    [InlineData("DELETE FROM audit_entries WHERE id = 1")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("UPDATE audit_alerts SET read_count = 0")]
    [InlineData("DELETE FROM audit_alerts")]
    [InlineData("DELETE FROM audit_chain_head")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER ALL")]
    [InlineData("DROP TABLE audit_entries")]
    public async Task The_service_role_is_denied_changing_or_removing_the_log(string sql)
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsWriterAsync(sql));
        Assert.True(ex.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{ex.SqlState}: {ex.MessageText}");
        Assert.True(ex.MessageText.StartsWith("permission denied", StringComparison.Ordinal)
            || ex.MessageText.StartsWith("must be owner", StringComparison.Ordinal), ex.MessageText);
        Assert.Equal(1L, await api.ScalarAsync<long>("SELECT count(*) FROM audit_entries WHERE id = 1"));
    }

    [Fact]
    public async Task The_service_role_may_read_the_log_and_lock_the_chain_head()
    {
        Assert.True(await ScalarAsWriterAsync<long>("SELECT count(*) FROM audit_entries") >= 1);
        await using var connection = new NpgsqlConnection(api.WriterConnectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE", connection, transaction);
        Assert.True((long)(await command.ExecuteScalarAsync(Ct))! >= 1);
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task The_owner_may_change_rows_which_is_why_the_chain_exists()
    {
        await using var connection = new NpgsqlConnection(api.OwnerConnectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await using var command = new NpgsqlCommand("UPDATE audit_entries SET actor_name = 'x' WHERE id = 1", connection, transaction);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task Running_the_migration_step_again_keeps_the_role_restricted()
    {
        var exit = await AuditMigrator.RunAsync(
            ["migrate", $"--ConnectionStrings:auditdb-owner={api.OwnerConnectionString}", $"--Audit:WriterPassword={AuditApi.WriterPassword}"]);
        Assert.Equal(0, exit);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsWriterAsync("DELETE FROM audit_entries"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
        Assert.Equal("SUCCESS", await api.DeliverAsync(AuditData.Envelope(new AuditData(EntityId: "after-remigrate")), Ct));
    }

    [Fact]
    public async Task The_migration_step_refuses_to_run_without_the_writer_password()
    {
        var exit = await AuditMigrator.RunAsync(["migrate", $"--ConnectionStrings:auditdb-owner={api.OwnerConnectionString}"]);
        Assert.NotEqual(0, exit);
    }

    private async Task ExecuteAsWriterAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.WriterConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<T> ScalarAsWriterAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(api.WriterConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
