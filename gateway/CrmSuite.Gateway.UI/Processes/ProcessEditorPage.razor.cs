using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Scheduling.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace CrmSuite.Gateway.UI.Processes;

/// <summary>
/// A process's page: for processes.design the editor (the canvas, the properties panel, save with
/// the problems publishing would refuse, publish, export, archive); for everyone else the published
/// diagram, read-only, and its instances.
/// </summary>
public sealed partial class ProcessEditorPage
{
    private enum Confirming { None, Publish, Archive }

    private readonly ErrorState errors = new();
    private Process? process;
    private string name = "";
    private bool canDesign;
    private bool dirty;
    private bool saving;
    private bool publishing;
    private bool shown;
    private Confirming confirming;
    private string? notice;
    private BpmnCanvas? canvas;
    private BpmnElement? selected;
    private PanelChoices choices = PanelChoices.None;
    private IReadOnlyList<ProcessProblem> problems = [];
    private IReadOnlyList<string> importWarnings = [];

    [Parameter] public string Id { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private ProcessesApi Processes { get; set; } = default!;

    [Inject] private ActivitiesApi Activities { get; set; } = default!;

    [Inject] private DealsApi Deals { get; set; } = default!;

    [Inject] private DocumentRecordsApi Documents { get; set; } = default!;

    [Inject] private PersonDirectory People { get; set; } = default!;

    [Inject] private BrowserApi Browser { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    private BpmnCanvas Canvas => canvas!;

    /// <summary>
    /// Why Publish is disabled: problems publishing would refuse, or nothing new (the published
    /// version is the saved draft and nothing is drawn since; unsaved changes are saved by Publish).
    /// </summary>
    private string? PublishBlockedText =>
        problems.Count > 0 ? T.Format(Texts.Processes.PublishBlocked, problems.Count)
        : process is { PublishedVersion: > 0, DraftChanged: false } && !dirty ? T.Format(Texts.Processes.NothingToPublish, process.PublishedVersion)
        : null;

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? new System.Security.Claims.ClaimsPrincipal() : (await AuthenticationState).User;
        canDesign = (await Authorization.AuthorizeAsync(user, Permissions.ProcessesDesign)).Succeeded;
        process = await Processes.GetAsync(Id, errors);
        name = process?.Name ?? "";
        problems = process?.DraftProblems ?? (IReadOnlyList<ProcessProblem>)[];
        shown = false;
        if (canDesign && process is not null)
        {
            choices = await LoadChoicesAsync(user);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (process is null || canvas is null || shown)
        {
            return;
        }
        shown = true;
        try
        {
            if (canDesign && !process.Archived)
            {
                importWarnings = await canvas.EditAsync(process.DraftXml);
                await canvas.MarkProblemsAsync(problems.Select(p => p.ElementId));
            }
            else
            {
                var xml = process.PublishedVersion > 0 && await Processes.GetVersionAsync(process.Id, process.PublishedVersion, errors) is { } version
                    ? version.Xml
                    : process.DraftXml;
                importWarnings = await canvas.ShowInstanceAsync(xml, [], new Dictionary<string, string>());
            }
        }
        catch (JSException exception)
        {
            importWarnings = [T.Format(Texts.Processes.ImportFailed, exception.Message)];
        }
        StateHasChanged();
    }

    private void OnElementSelected(BpmnElement? element) => selected = element;

    private async Task<PanelChoices> LoadChoicesAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        // Pickers that cannot be filled (no access, a service down) stay empty; the page still works.
        var quiet = new ErrorState();
        var directory = await People.DirectoryAsync(user);
        var types = await Activities.ListTypesAsync(quiet) ?? [];
        IReadOnlyList<Choice> stages = [];
        if ((await Authorization.AuthorizeAsync(user, Permissions.ClientsRead)).Succeeded
            && await Deals.ListPipelinesAsync(quiet) is { } pipelines)
        {
            stages = [.. pipelines.Pipelines.Where(p => !p.Archived).SelectMany(p => p.Stages.Select(s => new Choice(s.Id, $"{p.Name} · {s.Name}")))];
        }
        IReadOnlyList<Choice>? templates = null;
        if ((await Authorization.AuthorizeAsync(user, Permissions.DocumentsRead)).Succeeded)
        {
            templates = [.. (await Documents.ListTemplatesAsync(quiet) ?? []).Select(t => new Choice(t.Id, t.Name))];
        }
        return new PanelChoices(
            [.. directory.People.Select(p => new Choice(p.Id, p.DisplayName))],
            [.. directory.Teams.Select(t => new Choice(t.Id, t.Name))],
            [.. types.Select(t => new Choice(t.Code.Length > 0 ? t.Code : t.Id, T.IsRussian ? t.NameRu : t.NameEn))],
            stages,
            templates);
    }

    private async Task<bool> SaveDraftAsync()
    {
        errors.Clear();
        notice = null;
        var xml = await Canvas.ExportAsync();
        var saved = await Processes.SaveDraftAsync(process!, name.Trim(), xml, errors);
        if (saved is null)
        {
            return false;
        }
        process = saved;
        problems = saved.DraftProblems;
        dirty = false;
        await Canvas.MarkProblemsAsync(problems.Select(p => p.ElementId));
        return true;
    }

    private async Task SaveAsync()
    {
        saving = true;
        if (await SaveDraftAsync() && problems.Count == 0)
        {
            notice = T[Texts.Processes.SavedNoProblems];
        }
        saving = false;
    }

    /// <summary>Unsaved changes are saved first: what is published is what the person sees.</summary>
    private async Task AskPublishAsync()
    {
        if (dirty && !await SaveDraftAsync())
        {
            return;
        }
        // Saving may show problems, or that only the name changed and the diagram is the published one.
        confirming = PublishBlockedText is null ? Confirming.Publish : Confirming.None;
    }

    private async Task ConfirmAsync()
    {
        publishing = true;
        if (confirming == Confirming.Publish && await Processes.PublishAsync(process!, errors) is { } version)
        {
            notice = T.Format(Texts.Processes.PublishedVersion, version.Number);
            process = await Processes.GetAsync(Id, errors) ?? process;
        }
        else if (confirming == Confirming.Archive && await Processes.ArchiveAsync(process!, errors) is { } archived)
        {
            process = archived;
            shown = false;
        }
        confirming = Confirming.None;
        publishing = false;
    }

    private async Task ExportAsync()
    {
        var xml = process!.Archived || !canDesign ? process.DraftXml : await Canvas.ExportAsync();
        var file = string.Concat(process.Name.Split(Path.GetInvalidFileNameChars())).Trim();
        await Browser.DownloadAsync($"{(file.Length > 0 ? file : "process")}.bpmn", xml, "application/xml");
    }
}
