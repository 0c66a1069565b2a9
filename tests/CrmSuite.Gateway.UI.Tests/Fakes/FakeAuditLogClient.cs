using CrmSuite.Audit.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The audit log API as the UI sees it: each test says how it answers and reads what it was asked.</summary>
internal sealed class FakeAuditLogClient : AuditLog.AuditLogClient
{
    public Func<SearchEntriesRequest, AsyncUnaryCall<SearchEntriesResponse>> OnSearch { get; set; } =
        _ => Calls.Ok(new SearchEntriesResponse());

    public Func<GetEntryRequest, AsyncUnaryCall<AuditEntry>> OnGet { get; set; } =
        _ => Calls.Fail<AuditEntry>(Calls.Error(StatusCode.NotFound));

    public Func<VerifyChainRequest, AsyncUnaryCall<VerifyChainResponse>> OnVerify { get; set; } =
        _ => Calls.Ok(new VerifyChainResponse { Ok = true });

    public Func<ExportEntriesRequest, AsyncUnaryCall<ExportEntriesResponse>> OnExport { get; set; } =
        _ => Calls.Ok(new ExportEntriesResponse { Csv = "id\n", RowCount = 0, ExportEntryId = 1 });

    public Func<ListAlertsRequest, AsyncUnaryCall<ListAlertsResponse>> OnListAlerts { get; set; } =
        _ => Calls.Ok(new ListAlertsResponse());

    public List<SearchEntriesRequest> SearchRequests { get; } = [];

    public List<GetEntryRequest> GetRequests { get; } = [];

    public List<VerifyChainRequest> VerifyRequests { get; } = [];

    public List<ExportEntriesRequest> ExportRequests { get; } = [];

    public override AsyncUnaryCall<SearchEntriesResponse> SearchEntriesAsync(SearchEntriesRequest request, CallOptions options)
    {
        SearchRequests.Add(request);
        return OnSearch(request);
    }

    public override AsyncUnaryCall<AuditEntry> GetEntryAsync(GetEntryRequest request, CallOptions options)
    {
        GetRequests.Add(request);
        return OnGet(request);
    }

    public override AsyncUnaryCall<VerifyChainResponse> VerifyChainAsync(VerifyChainRequest request, CallOptions options)
    {
        VerifyRequests.Add(request);
        return OnVerify(request);
    }

    public override AsyncUnaryCall<ExportEntriesResponse> ExportEntriesAsync(ExportEntriesRequest request, CallOptions options)
    {
        ExportRequests.Add(request);
        return OnExport(request);
    }

    public override AsyncUnaryCall<ListAlertsResponse> ListAlertsAsync(ListAlertsRequest request, CallOptions options) =>
        OnListAlerts(request);
}
