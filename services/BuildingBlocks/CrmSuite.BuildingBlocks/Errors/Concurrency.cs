using Microsoft.EntityFrameworkCore;

namespace CrmSuite.BuildingBlocks.Errors;

/// <summary>
/// Optimistic concurrency, one way in every service: the version a caller read (PostgreSQL's
/// <c>xmin</c>) must still be the record's, and a save that lost the race is the same
/// <see cref="ConcurrencyConflictException"/> (ABORTED / HTTP 409) as a stale version, naming the record.
/// A conflict that escapes both still answers ABORTED, never a 5xx (see <c>ErrorMappingInterceptor</c>).
/// </summary>
public static class Concurrency
{
    /// <summary>Refuses the change when the caller sent a version and the record has moved on since.</summary>
    public static void CheckVersion(string entity, string id, uint actual, uint? expected)
    {
        if (expected is { } version && version != actual)
        {
            throw new ConcurrencyConflictException(entity, id);
        }
    }

    /// <summary>
    /// Saves; a row changed by someone else between the read and the save is a conflict on this
    /// record. With <paramref name="uniqueRaceIsConflict"/>, so is a row the same change made
    /// elsewhere at the same moment (a unique index refuses the second, e.g. two completions of a
    /// recurring task both planning its next instance). Without it a unique violation propagates, so
    /// a caller can name the field a person typed twice (a duplicate SKU is a 400 on "sku").
    /// </summary>
    public static async Task SaveChangesOrConflictAsync(this DbContext db, string entity, string id, CancellationToken cancellationToken,
        bool uniqueRaceIsConflict = false)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(entity, id);
        }
        catch (DbUpdateException e) when (uniqueRaceIsConflict && e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new ConcurrencyConflictException(entity, id);
        }
    }
}
