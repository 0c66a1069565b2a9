using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Api.Duplicates;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>
/// Undo of a whole import: companies it created are deleted, companies it updated or merged into
/// get back their whole row as journalled before the change (every column, so fields other
/// modules add later are restored too). Refused, changing nothing, when a company was changed
/// after the import or something now refers to a company it created.
/// </summary>
public sealed class ImportUndo(ClientsDbContext db)
{
    public sealed record Result(int Deleted, int Restored);

    /// <summary>Runs inside the caller's transaction, with the import row locked by the caller.</summary>
    public async Task<Result> UndoAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var changedSince = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM import_changes ch JOIN companies c ON c.id = ch.company_id
            WHERE ch.import_id = {job.Id} AND (c.updated_at <> {job.RunAt} OR c.import_id IS DISTINCT FROM {job.Id})
            """).SingleAsync(cancellationToken);
        if (changedSince > 0)
        {
            throw new StateConflictException("id", $"{changedSince} of the imported companies were changed after the import; undo would lose those changes, so nothing was undone.");
        }
        foreach (var reference in CompanyReferences.All)
        {
#pragma warning disable EF1002 // names from CompanyReferences, never from input
            var referring = await db.Database.SqlQueryRaw<int>(
                $"SELECT count(*)::int AS \"Value\" FROM {reference.Table} WHERE {reference.Column} IN (SELECT company_id FROM import_changes WHERE import_id = {{0}} AND kind = 1)",
                job.Id).SingleAsync(cancellationToken);
#pragma warning restore EF1002
            if (referring > 0)
            {
                throw new StateConflictException("id", $"{referring} record(s) in {reference.Table} were added to companies this import created; undo would delete them, so nothing was undone.");
            }
        }

        // Every column a company row has, except its key and generated ones, from the journalled row.
        var columns = await db.Database.SqlQuery<string>($"""
            SELECT column_name::text AS "Value" FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'companies' AND column_name <> 'id' AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """).ToListAsync(cancellationToken);
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => $"previous.\"{c}\""));
#pragma warning disable EF1002 // column names from the catalog, never from input
        var restored = await db.Database.ExecuteSqlRawAsync($$"""
            UPDATE companies c SET ({{list}}) = ROW({{values}})
            FROM import_changes ch, jsonb_populate_record(NULL::companies, ch.previous) AS previous
            WHERE ch.import_id = {0} AND ch.kind IN (2, 3) AND c.id = ch.company_id
            """, [job.Id], cancellationToken);
#pragma warning restore EF1002
        var deleted = await db.Database.ExecuteSqlAsync(
            $"DELETE FROM companies WHERE id IN (SELECT company_id FROM import_changes WHERE import_id = {job.Id} AND kind = 1)", cancellationToken);
        return new Result(deleted, restored);
    }
}
