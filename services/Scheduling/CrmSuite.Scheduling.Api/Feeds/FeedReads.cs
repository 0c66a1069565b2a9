using CrmSuite.Scheduling.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Feeds;

/// <summary>The feed a token opens, as the read throttle counted it.</summary>
public sealed record FeedRead(Guid Id, string UserId, string UserName, int ReadsInWindow, DateTimeOffset WindowStartedAt);

internal static class FeedReads
{
    // One statement finds the feed, counts the read in its fixed window and notes when it was read,
    // so every replica counts the same reads. In SET every expression sees the row as it was.
    private const string Touch = """
        UPDATE calendar_feeds SET
            reads_in_window = CASE WHEN window_started_at > @window_start THEN reads_in_window + 1 ELSE 1 END,
            window_started_at = CASE WHEN window_started_at > @window_start THEN window_started_at ELSE @now END,
            last_read_at = @now
        WHERE token_hash = @hash
        RETURNING id, user_id, user_name, reads_in_window, window_started_at
        """;

    public static async Task<FeedRead?> TouchAsync(SchedulingDbContext db, byte[] hash, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Touch;
            command.Parameters.Add(new Npgsql.NpgsqlParameter("hash", hash));
            command.Parameters.Add(new Npgsql.NpgsqlParameter("now", now));
            command.Parameters.Add(new Npgsql.NpgsqlParameter("window_start", now - window));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new FeedRead(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4))
                : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
