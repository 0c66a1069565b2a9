using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Radzen;

namespace CrmSuite.Gateway.UI.Documents;

public sealed partial class RecordFiles
{
    private readonly string inputId = "files-input-" + Guid.NewGuid().ToString("N");
    private readonly ErrorState listErrors = new();
    private readonly Dictionary<string, int> uploads = [];
    private readonly List<UploadError> uploadErrors = [];
    private readonly FileDropTarget drop = new();
    private List<Attachment> files = [];
    private int loads;
    private string query = "";
    private string nextPageToken = "";
    private bool loading;
    private (string, string)? loadedFor;
    private ElementReference dropZone;
    private ElementReference fileInput;

    private sealed record UploadError(string FileName, Text Summary, string? Detail);

    [Inject] private DocumentsApi DocumentsApi { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private NotificationService Notifications { get; set; } = default!;

    /// <summary>The page's antiforgery token for the upload (a cookie-authenticated POST); the host provides it.</summary>
    [Inject] private IServiceProvider Services { get; set; } = default!;

    /// <summary>company, contact, deal or lead.</summary>
    [Parameter, EditorRequired] public string RecordType { get; set; } = "";

    [Parameter, EditorRequired] public string RecordId { get; set; } = "";

    /// <summary>Files of an archived record can be seen and downloaded, not added or deleted.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // The card re-renders as it is edited; the list loads again only for another record.
        if (loadedFor != (RecordType, RecordId))
        {
            loadedFor = (RecordType, RecordId);
            await ReloadAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The drop zone appears once the person's permission is known; attach to it then, once
        // (after a render: only in the browser's circuit, never while prerendering).
        if (!drop.IsAttached)
        {
            await drop.AttachAsync(Js, Services, this, dropZone, fileInput, RecordType, RecordId);
        }
    }

    private async Task ReloadAsync()
    {
        nextPageToken = "";
        files = [];
        await LoadAsync(CancellationToken.None);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Only the latest load counts: a reload after an upload can overlap the first load (or another
        // reload), and two first pages appended together listed a file twice and broke the grid.
        var load = ++loads;
        var pageToken = nextPageToken;
        loading = true;
        listErrors.Clear();
        var page = query.Length == 0
            ? await DocumentsApi.ListFilesAsync(RecordType, RecordId, pageToken, listErrors, cancellationToken)
            : await DocumentsApi.SearchFilesAsync(query, RecordType, RecordId, pageToken, listErrors, cancellationToken);
        if (cancellationToken.IsCancellationRequested || load != loads)
        {
            return;
        }
        files = [.. (pageToken.Length == 0 ? [] : files).Concat(page?.Attachments ?? []).DistinctBy(f => f.Id)];
        nextPageToken = page?.NextPageToken ?? "";
        loading = false;
    }

    private Task MoreAsync() => LoadAsync(CancellationToken.None);

    private async Task SearchAsync(SearchInput input)
    {
        query = input.Query;
        nextPageToken = "";
        files = [];
        await LoadAsync(input.CancellationToken);
    }

    [JSInvokable]
    public Task UploadProgress(string fileName, int percent) => InvokeAsync(() =>
    {
        uploads[fileName] = Math.Clamp(percent, 0, 100);
        StateHasChanged();
    });

    [JSInvokable]
    public Task UploadFinished(string fileName, int status, string body) => InvokeAsync(async () =>
    {
        uploads.Remove(fileName);
        var answer = DocumentsApi.ReadUploadAnswer(fileName, status, body);
        if (answer.File is { } file)
        {
            uploadErrors.RemoveAll(e => e.FileName == fileName);
            Notifications.Notify(NotificationSeverity.Success, T.Format(Texts.Files.Uploaded, file.FileName));
            await ReloadAsync();
        }
        else
        {
            uploadErrors.Add(new UploadError(fileName, answer.Summary!, answer.Detail));
        }
        StateHasChanged();
    });

    public ValueTask DisposeAsync() => drop.DisposeAsync();
}
