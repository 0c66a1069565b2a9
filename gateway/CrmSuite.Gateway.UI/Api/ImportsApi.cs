using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Errors;
using Google.Api;
using ExportsClient = CrmSuite.Clients.Contracts.Exports.ExportsClient;
using ImportsClient = CrmSuite.Clients.Contracts.Imports.ImportsClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Company imports and exports as the staff UI uses them. Each call answers its result, or
/// <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class ImportsApi(ImportsClient imports, ExportsClient exports)
{
    public Task<ListImportsResponse?> ListImportsAsync(int pageSize, string pageToken, ErrorState errors) =>
        ServiceCall.RunAsync(imports.ListImportsAsync(new ListImportsRequest { PageSize = pageSize, PageToken = pageToken }), errors, default);

    public Task<HttpBody?> ExportCompaniesAsync(ExportCompaniesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(exports.ExportCompaniesAsync(request), errors, default);
}
