using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Duplicates;

/// <summary>
/// Every table column that points at a company, in one place: a merge re-points them all from the
/// merged company to the survivor inside its transaction. A module whose table references
/// companies (deals, custom field values, tags, …) adds its (table, column) here; shares, keyed
/// by company and user, move with a conflict rule of their own.
/// </summary>
public static class CompanyReferences
{
    public sealed record Reference(string Table, string Column);

    public static readonly IReadOnlyList<Reference> All =
    [
        new("contacts", "company_id"),
        new("deals", "company_id"),
        new("leads", "company_id"),
        new("calls", "company_id"),
    ];

    /// <summary>Moves every reference; the caller's transaction makes it all-or-nothing with the merge itself.</summary>
    public static async Task<Dictionary<string, int>> RepointAsync(DbContext db, Guid mergedId, Guid survivorId, CancellationToken cancellationToken)
    {
        var moved = new Dictionary<string, int>();
        foreach (var reference in All)
        {
            // Table and column names come from the list above, never from input.
#pragma warning disable EF1002
            moved[$"{reference.Table}.{reference.Column}"] = await db.Database.ExecuteSqlRawAsync(
                $"UPDATE {reference.Table} SET {reference.Column} = {{0}} WHERE {reference.Column} = {{1}}",
                [survivorId, mergedId], cancellationToken);
#pragma warning restore EF1002
        }
        // Whoever the merged company was shared with keeps seeing its contacts and deals, now on the
        // survivor (a share already there stays one row).
        moved["company_shares.company_id"] = await db.Database.ExecuteSqlRawAsync(
            """
            WITH moved AS (DELETE FROM company_shares WHERE company_id = {1} RETURNING user_id)
            INSERT INTO company_shares (company_id, user_id) SELECT {0}, user_id FROM moved ON CONFLICT DO NOTHING
            """,
            [survivorId, mergedId], cancellationToken);
        return moved;
    }
}
