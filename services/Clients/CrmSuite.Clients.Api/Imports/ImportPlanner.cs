using System.Text.Json;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Duplicates;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using CrmSuite.Clients.Api.Validation;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>
/// Works out what every row of an import will do (the preview): the mapped fields validated and
/// normalised like a company typed in the form, then matched against the companies the importer
/// sees. The plan of every row is written with binary COPY, so the run is set-based SQL.
/// </summary>
public sealed class ImportPlanner(ClientsDbContext db, DuplicateMatcher matcher, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record FieldMessage(string Field, string Message);

    public static string[] ValidateMapping(ImportJob job, IReadOnlyList<(int Column, string Field)> mapping)
    {
        var errors = new FieldErrors();
        var result = new string[job.Headers.Length];
        Array.Fill(result, string.Empty);
        foreach (var (column, field) in mapping)
        {
            if (column < 0 || column >= job.Headers.Length)
            {
                errors.Add("mapping", $"Column {column} does not exist; the file has {job.Headers.Length} columns.");
            }
            else if (field.Length > 0 && !ImportFields.All.Contains(field))
            {
                errors.Add("mapping", $"'{field}' is not a company field; use one of: {string.Join(", ", ImportFields.All)}.");
            }
            else
            {
                result[column] = field;
            }
        }
        foreach (var twice in result.Where(f => f.Length > 0).GroupBy(f => f).Where(g => g.Count() > 1))
        {
            errors.Add("mapping", $"'{twice.Key}' is mapped from more than one column.");
        }
        if (!result.Contains(ImportFields.Name))
        {
            errors.Add("mapping", "Map a column to the company name: it is required.");
        }
        errors.ThrowIfAny();
        return result;
    }

    /// <summary>Rows matched per statement; the import's progress moves after each chunk.</summary>
    private const int MatchChunk = 5_000;

    /// <summary>
    /// Works out the plan of every row of an import that is <see cref="ImportState.Previewing"/>,
    /// moving its rows_done as rows are checked (committed at once, so GetImport shows it), and
    /// leaves it <see cref="ImportState.Previewed"/> with the plans in one commit.
    /// </summary>
    public async Task PlanAsync(Guid importId, string[] mapping, Visibility visibility, CancellationToken cancellationToken)
    {
        var job = await db.Imports.AsNoTracking().FirstAsync(j => j.Id == importId, cancellationToken);
        Task ProgressAsync(int rowsChecked) => db.Imports.Where(j => j.Id == importId && j.State == ImportState.Previewing)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.RowsDone, rowsChecked), cancellationToken);

        int Column(string field) => Array.IndexOf(mapping, field);
        var (nameAt, innAt, emailAt, phoneAt) = (Column(ImportFields.Name), Column(ImportFields.Inn), Column(ImportFields.Email), Column(ImportFields.Phone));
        string Cell(string[] cells, int at) => at < 0 || at >= cells.Length ? string.Empty : cells[at];

        var now = clock.GetUtcNow();
        var plans = new List<ImportRowPlan>(job.TotalRows);
        var probes = new Dictionary<long, DuplicateProbe>();
        // Inside the file a row is the same client as an earlier one by every key it is matched
        // by against the base: INN, email (stored lower-case) and phone (stored as E.164).
        var firstRowWith = new Dictionary<(string Field, string Value), int>();
        await foreach (var row in db.ImportFileRows.AsNoTracking().Where(r => r.ImportId == job.Id).OrderBy(r => r.RowNumber).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var plan = new ImportRowPlan { ImportId = job.Id, RowNumber = row.RowNumber, NewId = Guid.CreateVersion7(now), SuggestedAction = RowAction.Create };
            plans.Add(plan);
            if (row.ParseError is not null)
            {
                Fail(plan, [new FieldMessage("row", row.ParseError)]);
                continue;
            }
            plan.Name = Cell(row.Cells, nameAt).Trim();
            plan.Inn = Cell(row.Cells, innAt).Trim();
            plan.Email = Cell(row.Cells, emailAt).Trim();
            plan.Phone = Cell(row.Cells, phoneAt).Trim();
            InputRules.CompanyFields fields;
            try
            {
                fields = InputRules.Company(plan.Name, plan.Inn, plan.Email, plan.Phone);
            }
            catch (ValidationFailedException invalid)
            {
                Fail(plan, invalid.Errors.Select(e => new FieldMessage(e.Field, e.Message)).ToList());
                continue;
            }
            (plan.Name, plan.Inn, plan.Email, plan.Phone) = (fields.Name, fields.Inn, fields.Email, fields.Phone);
            (string Field, string? Value)[] keys = [(ImportFields.Inn, fields.Inn), (ImportFields.Email, fields.Email), (ImportFields.Phone, fields.Phone)];
            var repeated = keys.Where(k => k.Value is not null && firstRowWith.ContainsKey((k.Field, k.Value)))
                .Select(k => new FieldMessage(k.Field, ImportMessages.SameInFile(k.Field, firstRowWith[(k.Field, k.Value!)])))
                .ToList();
            if (repeated.Count > 0)
            {
                Fail(plan, repeated);
                continue;
            }
            foreach (var (field, value) in keys.Where(k => k.Value is not null))
            {
                firstRowWith[(field, value!)] = row.RowNumber;
            }
            probes[row.RowNumber] = new DuplicateProbe(fields.Name, fields.Inn, fields.Email, fields.Phone);
        }

        // Rows that failed validation are checked already; the rest as their matches come in.
        var rowsChecked = plans.Count - probes.Count;
        await ProgressAsync(rowsChecked);
        var matches = new Dictionary<long, DuplicateMatch>();
        foreach (var chunk in probes.Chunk(MatchChunk))
        {
            foreach (var (row, match) in await matcher.FindBestAsync(chunk.ToDictionary(), visibility, cancellationToken))
            {
                matches[row] = match;
            }
            rowsChecked += chunk.Length;
            await ProgressAsync(rowsChecked);
        }
        var firstRowOfMatch = new Dictionary<Guid, int>();
        foreach (var plan in plans)
        {
            if (!matches.TryGetValue(plan.RowNumber, out var match))
            {
                continue;
            }
            plan.MatchId = match.Company.Id;
            plan.MatchName = match.Company.Name;
            plan.Reasons = (int)match.Reasons;
            // Same INN: the file updates that company. Same email or phone: it is the same client,
            // the file fills what the company lacks. A similar name alone is only a hint.
            plan.SuggestedAction = match.Reasons.HasFlag(DuplicateReasons.Inn) ? RowAction.Update
                : match.Reasons == DuplicateReasons.Name ? RowAction.Create
                : RowAction.Merge;
            if (plan.SuggestedAction is RowAction.Update or RowAction.Merge && !firstRowOfMatch.TryAdd(match.Company.Id, plan.RowNumber))
            {
                Fail(plan, [new FieldMessage("row", ImportMessages.SameCompanyInFile(firstRowOfMatch[match.Company.Id], match.Company.Name))]);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ImportRowPlans.Where(p => p.ImportId == job.Id).ExecuteDeleteAsync(cancellationToken);
        await CopyAsync(plans, cancellationToken);
        // rows_done back to 0: from here on it counts the run's progress. Only a preview of the
        // mapping saved now finishes the import: one that lost its lease, was handed back and
        // superseded by a new mapping is rolled back instead of replacing the newer plans.
        var finished = await db.Imports.Where(j => j.Id == importId && j.State == ImportState.Previewing && j.Mapping == mapping)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ImportState.Previewed)
                .SetProperty(j => j.RowsDone, 0), cancellationToken);
        if (finished == 1)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static void Fail(ImportRowPlan plan, IReadOnlyList<FieldMessage> errors)
    {
        plan.SuggestedAction = RowAction.Error;
        plan.Errors = JsonSerializer.Serialize(errors, Json);
    }

    public static IReadOnlyList<FieldMessage> ErrorsOf(ImportRowPlan plan) =>
        plan.Errors is null ? [] : JsonSerializer.Deserialize<List<FieldMessage>>(plan.Errors, Json) ?? [];

    private async Task CopyAsync(List<ImportRowPlan> plans, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY import_row_plans (import_id, row_number, name, inn, email, phone, suggested_action, chosen_action, reasons, match_id, match_name, errors, new_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var plan in plans)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(plan.ImportId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(plan.RowNumber, NpgsqlDbType.Integer, cancellationToken);
            await WriteTextAsync(copy, plan.Name, cancellationToken);
            await WriteTextAsync(copy, plan.Inn, cancellationToken);
            await WriteTextAsync(copy, plan.Email, cancellationToken);
            await WriteTextAsync(copy, plan.Phone, cancellationToken);
            await copy.WriteAsync((short)plan.SuggestedAction, NpgsqlDbType.Smallint, cancellationToken);
            await copy.WriteNullAsync(cancellationToken);
            await copy.WriteAsync(plan.Reasons, NpgsqlDbType.Integer, cancellationToken);
            if (plan.MatchId is { } matchId)
            {
                await copy.WriteAsync(matchId, NpgsqlDbType.Uuid, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }
            await WriteTextAsync(copy, plan.MatchName, cancellationToken);
            if (plan.Errors is { } errors)
            {
                await copy.WriteAsync(errors, NpgsqlDbType.Jsonb, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }
            await copy.WriteAsync(plan.NewId, NpgsqlDbType.Uuid, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    internal static async Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(value))
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }
}
