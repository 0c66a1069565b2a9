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
    public Task<ImportJob?> GetImportAsync(string id, ErrorState errors, CancellationToken cancellationToken) =>
        ServiceCall.RunAsync(imports.GetImportAsync(new GetImportRequest { Id = id }, cancellationToken: cancellationToken), errors, cancellationToken);

    /// <summary>
    /// Sends a file in chunks of <paramref name="chunkSize"/> bytes; the answer is the uploaded import.
    /// Reading past the file's allowed size throws the stream's <see cref="IOException"/>.
    /// </summary>
    public Task<ImportJob?> UploadAsync(string fileName, Stream content, int chunkSize, ErrorState errors, CancellationToken cancellationToken) =>
        ServiceCall.RunAsync(SendAsync(fileName, content, chunkSize, cancellationToken), errors, cancellationToken);

    private async Task<ImportJob> SendAsync(string fileName, Stream content, int chunkSize, CancellationToken cancellationToken)
    {
        using var call = imports.UploadImport(cancellationToken: cancellationToken);
        var buffer = new byte[chunkSize];
        var first = true;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            // The call's own token stops the writes (not every writer takes a token of its own).
            await call.RequestStream.WriteAsync(new ImportChunk { FileName = first ? fileName : "", Data = Google.Protobuf.ByteString.CopyFrom(buffer, 0, read) });
            first = false;
        }
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    public Task<ImportJob?> MapImportColumnsAsync(MapImportColumnsRequest request, ErrorState errors, CancellationToken cancellationToken) =>
        ServiceCall.RunAsync(imports.MapImportColumnsAsync(request, cancellationToken: cancellationToken), errors, cancellationToken);

    public Task<ListImportRowsResponse?> ListImportRowsAsync(ListImportRowsRequest request, ErrorState errors, CancellationToken cancellationToken) =>
        ServiceCall.RunAsync(imports.ListImportRowsAsync(request, cancellationToken: cancellationToken), errors, cancellationToken);

    public Task<ImportRow?> ChooseImportRowActionAsync(ChooseImportRowActionRequest request, ErrorState errors, CancellationToken cancellationToken) =>
        ServiceCall.RunAsync(imports.ChooseImportRowActionAsync(request, cancellationToken: cancellationToken), errors, cancellationToken);

    public Task<ImportJob?> StartImportAsync(string id, ErrorState errors, CancellationToken cancellationToken) =>
        ServiceCall.RunAsync(imports.StartImportAsync(new StartImportRequest { Id = id }, cancellationToken: cancellationToken), errors, cancellationToken);

    public Task<ImportJob?> UndoImportAsync(string id, ErrorState errors, CancellationToken cancellationToken) =>
        ServiceCall.RunAsync(imports.UndoImportAsync(new UndoImportRequest { Id = id }, cancellationToken: cancellationToken), errors, cancellationToken);

    public Task<ListImportsResponse?> ListImportsAsync(int pageSize, string pageToken, ErrorState errors) =>
        ServiceCall.RunAsync(imports.ListImportsAsync(new ListImportsRequest { PageSize = pageSize, PageToken = pageToken }), errors, default);

    public Task<HttpBody?> ExportCompaniesAsync(ExportCompaniesRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(exports.ExportCompaniesAsync(request), errors, default);
}
