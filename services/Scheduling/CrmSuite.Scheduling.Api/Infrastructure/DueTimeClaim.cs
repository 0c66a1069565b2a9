using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmSuite.Scheduling.Api.Infrastructure;

/// <summary>
/// The one way this service claims due work from a due-time table (reminders, process timers):
/// pending rows whose <c>due_at</c> has come, soonest first, locked with <c>FOR UPDATE SKIP LOCKED</c>
/// so replicas never wait for or take each other's rows. The caller does the work and marks the
/// rows in the same transaction; a replica that dies rolls back and the rows are claimed again.
/// Each table has <c>id</c>, <c>status</c> (1 = pending) and <c>due_at</c>, indexed (due_at, id) where status = 1.
/// </summary>
internal static class DueTimeClaim
{
    /// <summary>A SELECT of the ids of up to <c>@batch</c> due rows of <paramref name="table"/> (parameters <c>@now</c>, <c>@batch</c>), to use as a CTE.</summary>
    public static string Due(string table) => Due(table, "id", null);

    /// <summary>
    /// The same claim selecting <paramref name="columns"/>; rows for which <paramref name="first"/> (a
    /// boolean SQL expression) holds are taken before the others, each group soonest first.
    /// </summary>
    public static string Due(string table, string columns, string? first) =>
        $"SELECT {columns} FROM {table} WHERE status = 1 AND due_at <= @now ORDER BY {(first is null ? string.Empty : $"({first}) DESC, ")}due_at, id LIMIT @batch FOR UPDATE SKIP LOCKED";

    /// <summary>A command on the context's connection inside <paramref name="transaction"/>, with <c>@now</c> and <c>@batch</c> set.</summary>
    public static NpgsqlCommand Command(DbContext db, IDbContextTransaction transaction, string sql, DateTimeOffset now, int batch)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("batch", batch);
        return command;
    }

    /// <summary>A row due now that another replica holds: look again shortly, not in a busy loop.</summary>
    private static readonly TimeSpan ShortestSleep = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a claiming loop sleeps: until the next row is due, at most <paramref name="pollInterval"/>
    /// (a row added meanwhile is seen at the next poll).
    /// </summary>
    public static TimeSpan Sleep(DateTimeOffset now, DateTimeOffset? nextDue, TimeSpan pollInterval) =>
        nextDue is { } due && due - now < pollInterval ? (due - now > ShortestSleep ? due - now : ShortestSleep) : pollInterval;
}
