using CrmSuite.Clients.Contracts.Events;
using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Duplicates;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using CrmSuite.Clients.Api.Validation;
using ImportJobMessage = CrmSuite.Clients.Contracts.ImportJob;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>
/// Import of companies: upload, mapping and preview, the person's choices per row, the background
/// run and undo. Every call needs clients.write; a person sees their own imports, a director all.
/// </summary>
public sealed class ImportsService(ClientsDbContext db, ImportUploads uploads, ImportPreviewer previewer, ImportRunner runner, ImportUndo undo, TimeProvider clock)
    : Contracts.Imports.ImportsBase
{
    private const string RowsOrder = "import-rows";
    private const string ImportsOrder = "imports";

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ImportJobMessage> UploadImport(IAsyncStreamReader<ImportChunk> requestStream, ServerCallContext context)
    {
        using var buffer = new MemoryStream();
        var fileName = string.Empty;
        await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (fileName.Length == 0 && chunk.FileName.Length > 0)
            {
                fileName = chunk.FileName;
            }
            if (buffer.Length + chunk.Data.Length > ImportFileReader.MaxBytes)
            {
                throw new RpcException(new global::Grpc.Core.Status(StatusCode.InvalidArgument, TooLargeMessage));
            }
            chunk.Data.WriteTo(buffer);
        }
        try
        {
            var job = await uploads.CreateAsync(buffer.ToArray(), fileName, context.GetHttpContext().User, context.CancellationToken);
            return job.ToMessage();
        }
        catch (ValidationFailedException invalid)
        {
            // Streaming calls bypass the unary error mapping: the file's problem is the message.
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.InvalidArgument, string.Join(" ", invalid.Errors.Select(e => e.Message))));
        }
    }

    public static string TooLargeMessage => $"The file is larger than {ImportFileReader.MaxBytes / 1024 / 1024} MB; split it into smaller files.";

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ImportJobMessage> GetImport(GetImportRequest request, ServerCallContext context) =>
        (await FindAsync(request.Id, context)).ToMessage();

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ListImportsResponse> ListImports(ListImportsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var token = PageToken.Decode(request.PageToken, ImportsOrder);
        var jobs = Visible(context).AsNoTracking();
        if (token is not null)
        {
            var time = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            jobs = jobs.Where(j => EF.Functions.LessThan(ValueTuple.Create(j.CreatedAt, j.Id), ValueTuple.Create(time, token.Id)));
        }
        var page = await jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListImportsResponse();
        response.Imports.AddRange(page.Take(pageSize).Select(j => j.ToMessage()));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(ImportsOrder, null, last.CreatedAt, last.Id).Encode();
        }
        return response;
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ImportJobMessage> MapImportColumns(MapImportColumnsRequest request, ServerCallContext context)
    {
        var job = await FindAsync(request.Id, context);
        if (job.State == ImportState.Previewing)
        {
            throw new StateConflictException("id", "The preview of this import is being prepared; wait for it, then change the mapping if needed.");
        }
        if (job.State is not (ImportState.Uploaded or ImportState.Previewed))
        {
            throw new StateConflictException("id", "This import has already run; upload the file again to import it with another mapping.");
        }
        var mapping = ImportPlanner.ValidateMapping(job, request.Mapping.Select(m => (m.Column, m.Field.Trim().ToLowerInvariant())).ToList());
        // The lease first, so that no replica starting meanwhile takes the preview for an orphan.
        var lease = await previewer.LeaseForNewPreviewAsync(job.Id, context.CancellationToken)
            ?? throw new StateConflictException("id", "The preview of this import is being prepared; wait for it, then change the mapping if needed.");
        try
        {
            job.Mapping = mapping;
            job.State = ImportState.Previewing;
            job.RowsDone = 0;
            job.Failure = null;
            // Saved first (a second request for the same import then conflicts), then worked out in the background.
            await SaveAsync(job, context.CancellationToken);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
        previewer.Start(lease, mapping, Visibility.Of(context.GetHttpContext().User));
        return job.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ListImportRowsResponse> ListImportRows(ListImportRowsRequest request, ServerCallContext context)
    {
        var job = await FindAsync(request.Id, context);
        var pageSize = PageSize.Validate(request.PageSize);
        var token = PageToken.Decode(request.PageToken, RowsOrder);
        if (!System.Enum.IsDefined(request.Action))
        {
            throw new ValidationFailedException("action", "Action must be CREATE, UPDATE, MERGE, SKIP or ERROR.");
        }
        var rows = db.ImportRowPlans.AsNoTracking().Where(p => p.ImportId == job.Id);
        if (request.Action != ImportRowAction.Unspecified)
        {
            var action = (RowAction)request.Action;
            rows = rows.Where(p => (p.ChosenAction ?? p.SuggestedAction) == action);
        }
        if (token is not null)
        {
            var after = int.TryParse(token.Text, CultureInfo.InvariantCulture, out var n) ? n
                : throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            rows = rows.Where(p => p.RowNumber > after);
        }
        var page = await rows.OrderBy(p => p.RowNumber).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListImportRowsResponse();
        var language = ImportMessages.LanguageOf(context.GetHttpContext());
        response.Rows.AddRange(page.Take(pageSize).Select(p => p.ToMessage(language)));
        if (page.Count > pageSize)
        {
            response.NextPageToken = new PageToken(RowsOrder, page[pageSize - 1].RowNumber.ToString(CultureInfo.InvariantCulture), null, job.Id).Encode();
        }
        return response;
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ImportRow> ChooseImportRowAction(ChooseImportRowActionRequest request, ServerCallContext context)
    {
        var job = await FindAsync(request.Id, context);
        if (job.State != ImportState.Previewed)
        {
            throw new StateConflictException("id", "Rows can be changed only in the preview, before the import runs.");
        }
        var plan = await db.ImportRowPlans.FirstOrDefaultAsync(p => p.ImportId == job.Id && p.RowNumber == request.RowNumber, context.CancellationToken)
            ?? throw new RecordNotFoundException("Import row", request.RowNumber.ToString(CultureInfo.InvariantCulture));
        var action = request.Action switch
        {
            ImportRowAction.Create => RowAction.Create,
            ImportRowAction.Update => RowAction.Update,
            ImportRowAction.Merge => RowAction.Merge,
            ImportRowAction.Skip => RowAction.Skip,
            _ => throw new ValidationFailedException("action", "Choose create, update, merge or skip."),
        };
        if (plan.SuggestedAction == RowAction.Error && action != RowAction.Skip)
        {
            throw new StateConflictException("action", "This row has errors; fix them in the file, or skip the row.");
        }
        if (action is RowAction.Update or RowAction.Merge)
        {
            if (plan.MatchId is not { } matchId)
            {
                throw new StateConflictException("action", "This row matches no existing company; it can be created or skipped.");
            }
            var other = await db.ImportRowPlans.Where(p => p.ImportId == job.Id && p.RowNumber != plan.RowNumber && p.MatchId == matchId
                    && ((p.ChosenAction ?? p.SuggestedAction) == RowAction.Update || (p.ChosenAction ?? p.SuggestedAction) == RowAction.Merge))
                .Select(p => (int?)p.RowNumber).FirstOrDefaultAsync(context.CancellationToken);
            if (other is { } row)
            {
                throw new StateConflictException("action", $"Row {row} already goes into that company; skip one of the two rows.");
            }
        }
        plan.ChosenAction = action == plan.SuggestedAction ? null : action;
        await db.SaveChangesAsync(context.CancellationToken);
        return plan.ToMessage(ImportMessages.LanguageOf(context.GetHttpContext()));
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ImportJobMessage> StartImport(StartImportRequest request, ServerCallContext context)
    {
        var job = await FindAsync(request.Id, context);
        if (job.State != ImportState.Previewed)
        {
            throw new StateConflictException("id", job.State == ImportState.Uploaded
                ? "Map the columns and look at the preview before running the import."
                : "This import has already run.");
        }
        var now = clock.GetUtcNow();
        job.State = ImportState.Running;
        job.RunAt = now;
        job.RowsDone = 0;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "clients.import.started", "import", job.Id.ToString(),
            details: new { importId = job.Id, job.FileName, job.TotalRows, mapping = job.Mapping }));
        await SaveAsync(job, context.CancellationToken);
        runner.Enqueue(job.Id);
        return job.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsWrite)]
    public override async Task<ImportJobMessage> UndoImport(UndoImportRequest request, ServerCallContext context)
    {
        var id = InputRules.Id("id", request.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        // Locked: an undo cannot run twice at once, nor beside a run of the same import.
        var job = await Visible(db.Imports.FromSql($"SELECT *, xmin FROM imports WHERE id = {id} FOR UPDATE"), context).SingleOrDefaultAsync(context.CancellationToken)
            ?? throw new RecordNotFoundException("Import", request.Id);
        if (job.State != ImportState.Completed)
        {
            throw new StateConflictException("id", job.State == ImportState.Undone ? "This import is already undone." : "Only a finished import can be undone.");
        }
        var result = await undo.UndoAsync(job, context.CancellationToken);
        var now = clock.GetUtcNow();
        job.State = ImportState.Undone;
        job.UndoneAt = now;
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, "clients.import.undone", "import", job.Id.ToString(),
            details: new { importId = job.Id, job.FileName, deleted = result.Deleted, restored = result.Restored }));
        db.Enqueue(CompanyImportUndone.Topic, new CompanyImportUndone(job.Id, result.Deleted, result.Restored, now), now);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return job.ToMessage();
    }

    private IQueryable<ImportJob> Visible(ServerCallContext context) => Visible(db.Imports, context);

    private static IQueryable<ImportJob> Visible(IQueryable<ImportJob> jobs, ServerCallContext context)
    {
        var visibility = Visibility.Of(context.GetHttpContext().User);
        var userId = visibility.UserId;
        return visibility.SeesAll ? jobs : jobs.Where(j => j.CreatedBy == userId);
    }

    private async Task<ImportJob> FindAsync(string id, ServerCallContext context)
    {
        var importId = InputRules.Id("id", id);
        return await Visible(context).FirstOrDefaultAsync(j => j.Id == importId, context.CancellationToken)
            ?? throw new RecordNotFoundException("Import", id);
    }

    private Task SaveAsync(ImportJob job, CancellationToken cancellationToken) =>
        db.SaveChangesOrConflictAsync("Import", job.Id.ToString(), cancellationToken);
}

internal static class ImportMapping
{
    public static ImportJobMessage ToMessage(this ImportJob job)
    {
        var message = new ImportJobMessage
        {
            Id = job.Id.ToString(),
            FileName = job.FileName,
            Format = job.Format,
            Encoding = job.Encoding ?? string.Empty,
            Delimiter = job.Delimiter ?? string.Empty,
            Status = (ImportStatus)job.State,
            TotalRows = job.TotalRows,
            RowsDone = job.RowsDone,
            Created = job.Created,
            Updated = job.Updated,
            Merged = job.Merged,
            Skipped = job.Skipped,
            Errors = job.Errors,
            CreatedBy = job.CreatedBy,
            CreatedAt = Timestamp.FromDateTimeOffset(job.CreatedAt),
            FinishedAt = job.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
            Failure = job.Failure ?? string.Empty,
        };
        message.Headers.AddRange(job.Headers);
        message.Mapping.AddRange(job.Mapping.Select((field, column) => new ColumnMapping { Column = column, Field = field }));
        message.Fields.AddRange(ImportFields.All);
        return message;
    }

    public static ImportRow ToMessage(this ImportRowPlan plan, string language)
    {
        var row = new ImportRow
        {
            RowNumber = plan.RowNumber,
            Name = plan.Name ?? string.Empty,
            Inn = plan.Inn ?? string.Empty,
            Email = plan.Email ?? string.Empty,
            Phone = plan.Phone ?? string.Empty,
            Action = (ImportRowAction)(plan.ChosenAction ?? plan.SuggestedAction),
            SuggestedAction = (ImportRowAction)plan.SuggestedAction,
            MatchCompanyId = plan.MatchId?.ToString() ?? string.Empty,
            MatchCompanyName = plan.MatchName ?? string.Empty,
        };
        row.Reasons.AddRange(((DuplicateReasons)plan.Reasons).ToMessages());
        row.Errors.AddRange(ImportPlanner.ErrorsOf(plan).Select(e => new ImportFieldError { Field = e.Field, Message = ImportMessages.In(language, e.Message) }));
        return row;
    }
}
