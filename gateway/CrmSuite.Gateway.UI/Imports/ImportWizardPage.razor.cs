using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Paging;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Radzen;

namespace CrmSuite.Gateway.UI.Imports;

public partial class ImportWizardPage
{
    /// <summary>How often a running import's progress is asked for.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    private const int ChunkSize = 64 * 1024;
    private const long MaxBytes = 50L * 1024 * 1024;

    private static readonly (string Step, Text Text)[] Steps =
    [
        ("upload", Texts.Imports.StepUpload), ("mapping", Texts.Imports.StepMapping), ("preview", Texts.Imports.StepPreview), ("run", Texts.Imports.StepRun),
    ];

    private readonly ErrorState errors = new();
    private readonly KeysetPages pages = new();
    private readonly CancellationTokenSource disposed = new();
    private ImportJob? job;
    private string[] mapping = [];
    private IReadOnlyList<ImportRow> rows = [];
    private int pageSize = KeysetPager.DefaultPageSize;
    private bool busy;
    private string? shownId;

    [Parameter] public string? Id { get; set; }

    private string CurrentStep => job?.Status switch
    {
        null => "upload",
        ImportStatus.Uploaded => "mapping",
        ImportStatus.Previewing or ImportStatus.Previewed => "preview",
        _ => "run",
    };

    protected override async Task OnParametersSetAsync()
    {
        if (Id == shownId)
        {
            return;
        }
        shownId = Id;
        if (Id is null)
        {
            job = null;
            return;
        }
        await CallAsync(async () => await ShowAsync(await ImportsApi.GetImportAsync(Id, errors, disposed.Token)));
    }

    private async Task UploadAsync(InputFileChangeEventArgs args)
    {
        var file = args.File;
        if (file.Size > MaxBytes)
        {
            errors.Show(Texts.Imports.TooLarge);
            return;
        }
        await CallAsync(async () =>
        {
            await using var stream = file.OpenReadStream(MaxBytes, disposed.Token);
            if (await ImportsApi.UploadAsync(file.Name, stream, ChunkSize, errors, disposed.Token) is not { } uploaded)
            {
                return;
            }
            shownId = uploaded.Id;
            await ShowAsync(uploaded);
            Navigation.NavigateTo($"clients/import/{uploaded.Id}", replace: true);
        });
    }

    private Task PreviewAsync() => CallAsync(async () =>
    {
        var request = new MapImportColumnsRequest { Id = job!.Id };
        request.Mapping.AddRange(mapping.Select((field, column) => new ColumnMapping { Column = column, Field = field }));
        await ShowAsync(await ImportsApi.MapImportColumnsAsync(request, errors, disposed.Token));
    });

    private Task ChooseAsync(ImportRow row, string? value) => CallAsync(async () =>
    {
        if (!Enum.TryParse<ImportRowAction>(value, out var action) || action == row.Action)
        {
            return;
        }
        var changed = await ImportsApi.ChooseImportRowActionAsync(
            new ChooseImportRowActionRequest { Id = job!.Id, RowNumber = row.RowNumber, Action = action }, errors, disposed.Token);
        if (changed is null)
        {
            return;
        }
        rows = rows.Select(r => r.RowNumber == changed.RowNumber ? changed : r).ToList();
    });

    private Task RunAsync() => CallAsync(async () => await ShowAsync(await ImportsApi.StartImportAsync(job!.Id, errors, disposed.Token)));

    private async Task UndoAsync()
    {
        if (await Dialogs.Confirm(T[Texts.Imports.UndoConfirm], T[Texts.Imports.Undo],
                new ConfirmOptions { OkButtonText = T[Texts.Imports.Undo], CancelButtonText = T[Texts.Common.Cancel] }) != true)
        {
            return;
        }
        await CallAsync(async () => await ShowAsync(await ImportsApi.UndoImportAsync(job!.Id, errors, disposed.Token)));
    }

    private Task LoadRowsAsync() => CallAsync(LoadRowsCoreAsync);

    private async Task LoadRowsCoreAsync()
    {
        var page = await ImportsApi.ListImportRowsAsync(
            new ListImportRowsRequest { Id = job!.Id, PageSize = pageSize, PageToken = pages.CurrentToken }, errors, disposed.Token);
        if (page is null)
        {
            return;
        }
        rows = page.Rows;
        pages.Loaded(page.NextPageToken);
    }

    /// <summary>Shows the import's step: the first page of the preview, or the progress of a run.</summary>
    private async Task ShowAsync(ImportJob? shown)
    {
        if (shown is null)
        {
            return;
        }
        job = shown;
        mapping = shown.Mapping.OrderBy(m => m.Column).Select(m => m.Field).ToArray();
        if (shown.Status == ImportStatus.Previewed)
        {
            pages.Reset();
            await LoadRowsCoreAsync();
        }
        else if (shown.Status is ImportStatus.Running or ImportStatus.Previewing)
        {
            _ = PollAsync(shown.Id, shown.Status);
        }
    }

    /// <summary>Asks for the progress until the preview or the run is done (or the page is left), then shows the next step.</summary>
    private async Task PollAsync(string id, ImportStatus working)
    {
        try
        {
            while (!disposed.IsCancellationRequested)
            {
                await Task.Delay(PollInterval, disposed.Token);
                var current = await ImportsApi.GetImportAsync(id, errors, disposed.Token);
                if (current is null)
                {
                    // Refused (the reason is on the page) or the page was left: the polling stops either way.
                    if (!disposed.IsCancellationRequested)
                    {
                        await InvokeAsync(StateHasChanged);
                    }
                    return;
                }
                if (current.Status != working)
                {
                    await InvokeAsync(async () =>
                    {
                        await ShowAsync(current);
                        StateHasChanged();
                    });
                    return;
                }
                await InvokeAsync(() =>
                {
                    job = current;
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CallAsync(Func<Task> call)
    {
        busy = true;
        errors.Clear();
        try
        {
            await call();
        }
        catch (IOException)
        {
            errors.Show(Texts.Imports.TooLarge);
        }
        finally
        {
            busy = false;
        }
    }

    private static string FormatOf(ImportJob job) =>
        job.Format == "csv" ? $"CSV, {job.Encoding}, «{job.Delimiter}»" : job.Format.ToUpperInvariant();

    /// <summary>What a person may choose for a row: a duplicate may be merged, created anyway or skipped; an error only skipped.</summary>
    private static IReadOnlyList<ImportRowAction> ChoicesOf(ImportRow row)
    {
        if (row.SuggestedAction == ImportRowAction.Error)
        {
            return [ImportRowAction.Error, ImportRowAction.Skip];
        }
        var choices = new List<ImportRowAction>();
        if (row.MatchCompanyId.Length > 0)
        {
            if (row.Reasons.Contains(DuplicateReason.Inn))
            {
                choices.Add(ImportRowAction.Update);
            }
            choices.Add(ImportRowAction.Merge);
        }
        choices.Add(ImportRowAction.Create);
        choices.Add(ImportRowAction.Skip);
        return choices;
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
