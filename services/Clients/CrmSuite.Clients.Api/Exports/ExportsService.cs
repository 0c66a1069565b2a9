using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using HttpBody = Google.Api.HttpBody;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmSuite.Clients.Api.Exports;

/// <summary>
/// Export of the company list with the list's own filter, search and sort: only rows the caller
/// sees, throttled per person, and audited as "clients.export" with the exact filter and row count
/// (the audit service raises an alert on bulk exports) in the same commit as the answer leaves.
/// </summary>
public sealed class ExportsService(ClientsDbContext db, CompanyQueries queries, ExportThrottle throttle, OutboxGroupWriter<ClientsDbContext> refusalAudit,
    IOptions<ExportOptions> options, TimeProvider clock)
    : Contracts.Exports.ExportsBase
{
    public const string AuditAction = "clients.export";
    public const string ThrottledAuditAction = "clients.export.throttled";

    [Authorize(Policy = Permissions.ClientsExport)]
    public override async Task<HttpBody> ExportCompanies(ExportCompaniesRequest request, ServerCallContext context)
    {
        var format = request.Format switch
        {
            ExportFormat.Unspecified or ExportFormat.Csv => "csv",
            ExportFormat.Xlsx => "xlsx",
            _ => throw new ValidationFailedException("format", "Format must be CSV or XLSX."),
        };
        var visibility = Visibility.Of(context.GetHttpContext().User);
        var query = request.Query.Trim();
        var companies = query.Length > 0
            ? queries.SearchQuery(new SearchCompaniesRequest { Query = query, IncludeArchived = request.IncludeArchived }, visibility)
            : await queries.ListQueryAsync(new ListCompaniesRequest
            {
                Sort = request.Sort, Descending = request.Descending, IncludeArchived = request.IncludeArchived,
                Tag = request.Tag, CustomFieldId = request.CustomFieldId, CustomFieldValue = request.CustomFieldValue,
            }, visibility, context.CancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var filter = query.Length > 0
            ? (object)new { query, request.IncludeArchived }
            : new { query, sort = request.Sort.ToString(), request.Descending, request.IncludeArchived, request.Tag, request.CustomFieldId, request.CustomFieldValue };
        var (allowed, retryAfter, busy) = await throttle.TryAcquireAsync(visibility.UserId, context.CancellationToken);
        if (busy || !allowed)
        {
            // A refused export is audited too (someone trying to pull the list faster than allowed is
            // what an auditor looks for). The throttle's transaction holds nothing worth keeping (and
            // is aborted when the lock wait ran out): the refusal commits on its own, before the answer.
            await transaction.RollbackAsync(context.CancellationToken);
            var refusedAt = clock.GetUtcNow();
            await refusalAudit.AuditAsync(AuditEvent.From(context.GetHttpContext(), refusedAt, ThrottledAuditAction, "company", string.Empty,
                details: new { filter, format, reason = busy ? "previous-export-running" : "limit", retryAfterSeconds = (int)Math.Ceiling(retryAfter.TotalSeconds) },
                outcome: "refused"), context.CancellationToken);
        }
        if (busy)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Your previous export is still being prepared; try again when it is done."));
        }
        if (!allowed)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"At most {options.Value.PerUser} exports per {options.Value.Window.TotalMinutes:0} minutes; try again in {minutes} minute(s)."));
        }
        var maxRows = options.Value.MaxRows;
        var rows = await companies.Take(maxRows + 1).ToListAsync(context.CancellationToken);
        if (rows.Count > maxRows)
        {
            throw new StateConflictException("query", $"The list has more than {maxRows.ToString("N0", CultureInfo.InvariantCulture)} companies; narrow it with a search before exporting.");
        }

        var now = clock.GetUtcNow();
        db.Audit(AuditEvent.From(context.GetHttpContext(), now, AuditAction, "company", string.Empty,
            details: new { filter, rowCount = rows.Count, format }));
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return new HttpBody
        {
            ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Data = ByteString.CopyFrom(format == "csv" ? CompanyExportFile.Csv(rows) : CompanyExportFile.Xlsx(rows)),
        };
    }
}
