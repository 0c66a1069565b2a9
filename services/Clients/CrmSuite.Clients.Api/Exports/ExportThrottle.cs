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
    /// <summary>
    /// True (and the export counted) when the user may export now; otherwise false with the time
    /// until they may again. Must run inside a transaction on <paramref name="db"/>'s connection.
    /// </summary>
    public async Task<(bool Allowed, TimeSpan RetryAfter)> TryAcquireAsync(string userId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The export throttle takes its slot inside the export's transaction.");
        }
        var now = clock.GetUtcNow();
        var windowStart = now - options.Value.Window;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('clients.export:' || {userId}, 0))", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM export_slots WHERE user_id = {userId} AND at <= {windowStart}", cancellationToken);
        var taken = await db.Database.SqlQuery<DateTimeOffset>($"SELECT at AS \"Value\" FROM export_slots WHERE user_id = {userId} ORDER BY at")
            .ToListAsync(cancellationToken);
        if (taken.Count >= options.Value.PerUser)
        {
            return (false, taken[0] + options.Value.Window - now);
        }
        await db.Database.ExecuteSqlAsync($"INSERT INTO export_slots (user_id, at) VALUES ({userId}, {now})", cancellationToken);
        return (true, TimeSpan.Zero);
    }
}
