using CrmSuite.Clients.Contracts;
using Google.Api;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>The clients service's imports as the UI sees them: answers per test, and what was asked.</summary>
internal sealed class FakeImportsClient : CrmSuite.Clients.Contracts.Imports.ImportsClient
{
    public List<ImportChunk> UploadedChunks { get; } = [];

    public Func<ImportJob> OnUpload { get; set; } = () => new ImportJob { Id = "import-1", Status = ImportStatus.Uploaded };

    public Func<MapImportColumnsRequest, AsyncUnaryCall<ImportJob>> OnMap { get; set; } =
        request => Calls.Ok(new ImportJob { Id = request.Id, Status = ImportStatus.Previewing });

    public Func<ListImportRowsRequest, AsyncUnaryCall<ListImportRowsResponse>> OnListRows { get; set; } =
        _ => Calls.Ok(new ListImportRowsResponse());

    public Func<ChooseImportRowActionRequest, AsyncUnaryCall<ImportRow>> OnChoose { get; set; } =
        request => Calls.Ok(new ImportRow { RowNumber = request.RowNumber, Action = request.Action });

    public Func<StartImportRequest, AsyncUnaryCall<ImportJob>> OnStart { get; set; } =
        request => Calls.Ok(new ImportJob { Id = request.Id, Status = ImportStatus.Running });

    public Func<GetImportRequest, AsyncUnaryCall<ImportJob>> OnGet { get; set; } =
        request => Calls.Ok(new ImportJob { Id = request.Id, Status = ImportStatus.Completed });

    public Func<UndoImportRequest, AsyncUnaryCall<ImportJob>> OnUndo { get; set; } =
        request => Calls.Ok(new ImportJob { Id = request.Id, Status = ImportStatus.Undone });

    public Func<ListImportsRequest, AsyncUnaryCall<ListImportsResponse>> OnList { get; set; } =
        _ => Calls.Ok(new ListImportsResponse());

    public List<MapImportColumnsRequest> MapRequests { get; } = [];

    public List<ChooseImportRowActionRequest> ChooseRequests { get; } = [];

    public List<StartImportRequest> StartRequests { get; } = [];

    public List<UndoImportRequest> UndoRequests { get; } = [];

    public override AsyncClientStreamingCall<ImportChunk, ImportJob> UploadImport(CallOptions options)
    {
        var writer = new ChunkWriter(UploadedChunks);
        var response = writer.Completed.Task.ContinueWith(_ => OnUpload(), TaskScheduler.Default);
        return new AsyncClientStreamingCall<ImportChunk, ImportJob>(writer, response, Task.FromResult(new Metadata()),
            () => Status.DefaultSuccess, () => new Metadata(), () => { });
    }

    public override AsyncUnaryCall<ImportJob> MapImportColumnsAsync(MapImportColumnsRequest request, CallOptions options)
    {
        MapRequests.Add(request);
        return OnMap(request);
    }

    public override AsyncUnaryCall<ListImportRowsResponse> ListImportRowsAsync(ListImportRowsRequest request, CallOptions options) => OnListRows(request);

    public override AsyncUnaryCall<ImportRow> ChooseImportRowActionAsync(ChooseImportRowActionRequest request, CallOptions options)
    {
        ChooseRequests.Add(request);
        return OnChoose(request);
    }

    public override AsyncUnaryCall<ImportJob> StartImportAsync(StartImportRequest request, CallOptions options)
    {
        StartRequests.Add(request);
        return OnStart(request);
    }

    public override AsyncUnaryCall<ImportJob> GetImportAsync(GetImportRequest request, CallOptions options) => OnGet(request);

    public override AsyncUnaryCall<ImportJob> UndoImportAsync(UndoImportRequest request, CallOptions options)
    {
        UndoRequests.Add(request);
        return OnUndo(request);
    }

    public override AsyncUnaryCall<ListImportsResponse> ListImportsAsync(ListImportsRequest request, CallOptions options) => OnList(request);

    private sealed class ChunkWriter(List<ImportChunk> chunks) : IClientStreamWriter<ImportChunk>
    {
        public TaskCompletionSource Completed { get; } = new();

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(ImportChunk message)
        {
            chunks.Add(message);
            return Task.CompletedTask;
        }

        public Task CompleteAsync()
        {
            Completed.TrySetResult();
            return Task.CompletedTask;
        }
    }
}

internal sealed class FakeDuplicatesClient : Duplicates.DuplicatesClient
{
    public Func<FindDuplicatesRequest, AsyncUnaryCall<FindDuplicatesResponse>> OnFind { get; set; } =
        _ => Calls.Ok(new FindDuplicatesResponse());

    public Func<MergeCompaniesRequest, AsyncUnaryCall<Company>> OnMerge { get; set; } =
        request => Calls.Ok(new Company { Id = request.SurvivorId, Name = "Survivor", Version = "3" });

    public List<FindDuplicatesRequest> FindRequests { get; } = [];

    public List<MergeCompaniesRequest> MergeRequests { get; } = [];

    public override AsyncUnaryCall<FindDuplicatesResponse> FindDuplicatesAsync(FindDuplicatesRequest request, CallOptions options)
    {
        FindRequests.Add(request);
        return OnFind(request);
    }

    public override AsyncUnaryCall<Company> MergeCompaniesAsync(MergeCompaniesRequest request, CallOptions options)
    {
        MergeRequests.Add(request);
        return OnMerge(request);
    }
}

internal sealed class FakeExportsClient : Exports.ExportsClient
{
    public List<ExportCompaniesRequest> Requests { get; } = [];

    public override AsyncUnaryCall<HttpBody> ExportCompaniesAsync(ExportCompaniesRequest request, CallOptions options)
    {
        Requests.Add(request);
        return Calls.Ok(new HttpBody { ContentType = "text/csv; charset=utf-8", Data = Google.Protobuf.ByteString.CopyFromUtf8("Name\r\n") });
    }
}
