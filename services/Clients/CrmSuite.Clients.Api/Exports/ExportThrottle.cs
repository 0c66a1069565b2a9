using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Clients.Api.Exports;

public sealed class ExportOptions
{
    public const string Section = "Clients:Exports";

    /// <summary>Exports one person may make per <see cref="Window"/>; more are refused (429).</summary>
    public int PerUser { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows one export may hold; a larger list is refused, asking for a narrower filter.</summary>
    public int MaxRows { get; set; } = 100_000;
}

/// <summary>
/// A sliding window of export times per person, kept in the clients database (table
/// <c>export_slots</c>), so that every replica of the service counts the same exports. One
/// person's exports queue behind a transaction-scoped advisory lock on their id: two requests at
/// once, on one replica or two, cannot both take the last slot. The slot is taken inside the
/// caller's transaction, so an export that fails (too many rows, a dropped connection) gives it back.
/// </summary>
public sealed class ExportThrottle(ClientsDbContext db, TimeProvider clock, IOptions<ExportOptions> options)
{
    /// <summary>How long an export waits for the same person's export before it is refused as too many.</summary>
    public static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// True (and the export counted) when the user may export now; otherwise false with the time
    /// until they may again, and Busy when the refusal is because their previous export is still
    /// being prepared. Must run inside a transaction on the service's DbContext.
    /// </summary>
    public async Task<(bool Allowed, TimeSpan RetryAfter, bool Busy)> TryAcquireAsync(string userId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The export throttle takes its slot inside the export's transaction.");
        }
        // PostgreSQL text cannot hold NUL (a token without a subject has one in its stand-in id).
        userId = userId.Replace("\0", string.Empty, StringComparison.Ordinal);
        var now = clock.GetUtcNow();
        var windowStart = now - options.Value.Window;
        // The same person's other export holds the lock while it reads its rows: wait for it, not forever.
        var waitAtMost = $"SET LOCAL lock_timeout = '{(int)BusyWait.TotalMilliseconds}ms'";
        await db.Database.ExecuteSqlRawAsync(waitAtMost, cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('clients.export:' || {userId}, 0))", cancellationToken);
        }
        catch (Npgsql.PostgresException exception) when (exception.SqlState == Npgsql.PostgresErrorCodes.LockNotAvailable)
        {
            return (false, BusyWait, true);
        }
        await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = 0", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM export_slots WHERE user_id = {userId} AND at <= {windowStart}", cancellationToken);
        var taken = await db.Database.SqlQuery<DateTimeOffset>($"SELECT at AS \"Value\" FROM export_slots WHERE user_id = {userId} ORDER BY at")
            .ToListAsync(cancellationToken);
        if (taken.Count >= options.Value.PerUser)
        {
            // The slot that frees the person again (more than PerUser are stored if the limit was lowered).
            return (false, taken[taken.Count - options.Value.PerUser] + options.Value.Window - now, false);
        }
        await db.Database.ExecuteSqlAsync($"INSERT INTO export_slots (user_id, at) VALUES ({userId}, {now})", cancellationToken);
        return (true, TimeSpan.Zero, false);
    }
}
