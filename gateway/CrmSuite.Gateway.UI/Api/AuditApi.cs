using CrmSuite.Audit.Contracts;
using CrmSuite.Gateway.UI.Errors;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// The audit log as the staff UI reads it. Each call answers its result, or <c>null</c> with the
/// reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class AuditApi(AuditLog.AuditLogClient audit)
{
    public Task<SearchEntriesResponse?> SearchEntriesAsync(SearchEntriesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(audit.SearchEntriesAsync(request), errors, default);

    public Task<AuditEntry?> GetEntryAsync(long id, ErrorState errors) =>
        ServiceCall.RunAsync(audit.GetEntryAsync(new GetEntryRequest { Id = id }), errors, default);

    public Task<VerifyChainResponse?> VerifyChainAsync(ErrorState errors) =>
        ServiceCall.RunAsync(audit.VerifyChainAsync(new VerifyChainRequest()), errors, default);

    public Task<ExportEntriesResponse?> ExportEntriesAsync(ExportEntriesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(audit.ExportEntriesAsync(request), errors, default);

    public Task<ListAlertsResponse?> ListAlertsAsync(int pageSize, string pageToken, ErrorState errors) =>
        ServiceCall.RunAsync(audit.ListAlertsAsync(new ListAlertsRequest { PageSize = pageSize, PageToken = pageToken }), errors, default);
}
