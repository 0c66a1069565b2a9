using CrmSuite.Audit.Api.Alerts;
using CrmSuite.Audit.Api.Chain;
using CrmSuite.Audit.Contracts;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CrmSuite.Audit.Api.Entries;

/// <summary>
/// The audit log for auditors: search, read, verify, export, alerts. REST is the same calls through
/// JSON transcoding. Every call needs audit.read (roles Auditor and Administrator), except the alerts
/// list, which needs audit.alerts.read (also Directors).
/// </summary>
public sealed class AuditLogService(AuditQueries queries, ChainVerifier verifier, AuditorActions auditorActions, IOptions<ExportOptions> exportOptions,
    ILogger<AuditLogService> logger)
    : AuditLog.AuditLogBase
{
    public const string ExportAction = AuditorActions.ExportAction;

    [Authorize(Policy = Permissions.AuditRead)]
    public override async Task<SearchEntriesResponse> SearchEntries(SearchEntriesRequest request, ServerCallContext context)
    {
        var filter = EntryFilter.Create(request.ActorId, request.Action, request.EntityType, request.EntityId,
            Time(request.From, "from"), Time(request.To, "to"), request.Query);
        var page = await queries.SearchAsync(filter, request.PageSize, request.PageToken, context.CancellationToken);
        // Recorded after the query, so a search never finds itself; before the answer leaves.
        await auditorActions.RecordAsync(context, AuditorActions.SearchAction, new
        {
            rowCount = page.Entries.Count,
            filters = filter.Describe(),
            nextPage = request.PageToken.Length > 0,
        });
        var response = new SearchEntriesResponse { NextPageToken = page.NextPageToken };
        response.Entries.AddRange(page.Entries.Select(e => e.ToMessage()));
        return response;
    }

    [Authorize(Policy = Permissions.AuditRead)]
    public override async Task<Contracts.AuditEntry> GetEntry(GetEntryRequest request, ServerCallContext context)
    {
        if (request.Id < 1)
        {
            throw new ValidationFailedException("id", "Must be a position (1 or more).");
        }
        return (await queries.GetAsync(request.Id, context.CancellationToken)).ToMessage();
    }

    [Authorize(Policy = Permissions.AuditRead)]
    public override async Task<VerifyChainResponse> VerifyChain(VerifyChainRequest request, ServerCallContext context)
    {
        var result = await verifier.VerifyAsync(request.FromId, request.ToId, context.CancellationToken);
        // A broken chain is what the auditor found, not a failure of the call: outcome names the finding.
        try
        {
            await auditorActions.RecordAsync(context, AuditorActions.VerifyAction, new
            {
                ok = result.Ok,
                fromId = result.FromId,
                toId = result.ToId,
                rowsChecked = result.RowsChecked,
                firstBrokenId = result.Ok ? (long?)null : result.FirstBrokenId,
                reason = result.Ok ? null : result.Reason.ToString(),
            }, outcome: result.Ok ? "intact" : "broken");
        }
        catch (Npgsql.PostgresException ex) when (!result.Ok)
        {
            // A chain tampered with (its head rewound, say) may refuse the append; the auditor must still learn it is broken.
            logger.LogError(ex, "The audit chain is broken at {FirstBrokenId} ({Reason}); the verification could not be appended to it", result.FirstBrokenId, result.Reason);
        }
        return result.ToMessage();
    }

    [Authorize(Policy = Permissions.AuditRead)]
    public override async Task<ExportEntriesResponse> ExportEntries(ExportEntriesRequest request, ServerCallContext context)
    {
        var filter = EntryFilter.Create(request.ActorId, request.Action, request.EntityType, request.EntityId,
            Time(request.From, "from"), Time(request.To, "to"), request.Query);
        var entries = await queries.ExportAsync(filter, exportOptions.Value.MaxRows, context.CancellationToken);
        var csv = CsvExport.Write(entries);

        // The export is itself audited, before anything is handed out: no entry, no export.
        var exportEntryId = await auditorActions.RecordAsync(context, AuditorActions.ExportAction, new { rowCount = entries.Count, filters = filter.Describe() });
        return new ExportEntriesResponse { Csv = csv, RowCount = entries.Count, ExportEntryId = exportEntryId };
    }

    /// <summary>Alerts are for Directors as well as Auditors: audit.alerts.read, not the log itself.</summary>
    [Authorize(Policy = Permissions.AuditAlertsRead)]
    public override async Task<ListAlertsResponse> ListAlerts(ListAlertsRequest request, ServerCallContext context)
    {
        var page = await queries.ListAlertsAsync(request.ActorId, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListAlertsResponse { NextPageToken = page.NextPageToken };
        response.Alerts.AddRange(page.Alerts.Select(a => a.ToMessage()));
        return response;
    }

    private static DateTimeOffset? Time(Timestamp? value, string field)
    {
        if (value is null)
        {
            return null;
        }
        try
        {
            return value.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw new ValidationFailedException(field, "Must be a valid time.");
        }
    }
}
