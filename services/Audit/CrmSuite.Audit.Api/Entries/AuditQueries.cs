using System.Data;
using CrmSuite.Audit.Api.Alerts;
using CrmSuite.Audit.Api.Infrastructure;
using CrmSuite.Audit.Api.Paging;
using CrmSuite.BuildingBlocks.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmSuite.Audit.Api.Entries;

public sealed record EntryPage(IReadOnlyList<AuditEntry> Entries, string NextPageToken);

public sealed record AlertPage(IReadOnlyList<AuditAlert> Alerts, string NextPageToken);

/// <summary>
/// Reads of the log. Lists are keyset-paged by id descending (newest first) over indexes ending in
/// the id, so a later page costs what the first does; nothing counts the whole table.
/// </summary>
public sealed class AuditQueries(NpgsqlDataSource dataSource, AuditDbContext db)
{
    private const string EntriesList = "entries";
    private const string AlertsList = "alerts";

    public async Task<EntryPage> SearchAsync(EntryFilter filter, int requestedPageSize, string pageToken, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(requestedPageSize);
        var before = PageToken.Decode(pageToken, EntriesList);
        await using var command = dataSource.CreateCommand();
        var where = filter.ToSql(command);
        if (before is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = before.Value });
            where += $" AND id < ${command.Parameters.Count}";
        }
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize + 1 });
        // before/after stay out of lists (GetEntry has them): they can be large.
        command.CommandText = $"SELECT {EntryColumns.All.Replace("before, after", "NULL::jsonb, NULL::jsonb", StringComparison.Ordinal)} "
            + $"FROM audit_entries WHERE {where} ORDER BY id DESC LIMIT ${command.Parameters.Count}";
        var entries = await ReadAsync(command, cancellationToken);
        var next = entries.Count > pageSize ? PageToken.Encode(EntriesList, entries[pageSize - 1].Id) : string.Empty;
        return new EntryPage(entries.Take(pageSize).ToList(), next);
    }

    public async Task<AuditEntry> GetAsync(long id, CancellationToken cancellationToken) =>
        await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("Audit entry", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every matching entry, oldest first; refused when more than <paramref name="maxRows"/> match.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ExportAsync(EntryFilter filter, int maxRows, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var where = filter.ToSql(command);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxRows + 1 });
        command.CommandText = $"SELECT {EntryColumns.All} FROM audit_entries WHERE {where} ORDER BY id LIMIT ${command.Parameters.Count}";
        var entries = await ReadAsync(command, cancellationToken);
        if (entries.Count > maxRows)
        {
            throw new StateConflictException("from", $"More than {maxRows} entries match; narrow the filters (for example the time range) and export in parts.");
        }
        return entries;
    }

    public async Task<AlertPage> ListAlertsAsync(string actorId, int requestedPageSize, string pageToken, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(requestedPageSize);
        var before = PageToken.Decode(pageToken, AlertsList);
        if (actorId.Length > AuditEntry.MaxActorIdLength)
        {
            throw new ValidationFailedException("actor_id", $"Must be at most {AuditEntry.MaxActorIdLength} characters.");
        }
        var alerts = db.Alerts.AsNoTracking();
        if (actorId.Length > 0)
        {
            alerts = alerts.Where(a => a.ActorId == actorId);
        }
        if (before is not null)
        {
            alerts = alerts.Where(a => a.Id < before.Value);
        }
        var page = await alerts.OrderByDescending(a => a.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = page.Count > pageSize ? PageToken.Encode(AlertsList, page[pageSize - 1].Id) : string.Empty;
        return new AlertPage(page.Take(pageSize).ToList(), next);
    }

    private static async Task<List<AuditEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(EntryColumns.Read(reader));
        }
        return entries;
    }
}
