using System.Globalization;
using CrmSuite.Audit.Contracts;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Paging;
using CrmSuite.Identity.Contracts;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace CrmSuite.Gateway.UI.Audit;

public partial class AuditPage
{
    /// <summary>An action for the filter: its code (what the service filters by) and its name (what a person reads).</summary>
    private sealed record ActionOption(string Code, string Name);

    private sealed class Filter
    {
        public string? ActorId { get; set; }
        public string? Action { get; set; }
        public string EntityType { get; set; } = "";
        public string EntityId { get; set; } = "";
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
        public string Query { get; set; } = "";
    }

    private readonly KeysetPages pages = new();
    private readonly ErrorState errors = new();
    private readonly ErrorState verifyErrors = new();
    private readonly ErrorState exportErrors = new();
    private Filter filter = new();
    private SearchEntriesRequest applied = new();
    private IReadOnlyList<AuditEntry> entries = [];
    private int pageSize = KeysetPager.DefaultPageSize;
    private bool loading;
    private bool verifying;
    private bool exporting;
    private long? selectedId;
    private VerifyChainResponse? verify;
    private ExportEntriesResponse? export;
    private string exportFileName = "audit.csv";

    private List<Person> actors = [];
    private IReadOnlyList<ActionOption> actionOptions = [];

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        actionOptions = [.. AuditCodeNames.KnownActions.Select(code => new ActionOption(code, AuditCodeNames.Action(T, code))).OrderBy(a => a.Name, StringComparer.CurrentCulture)];
        if (AuthenticationState is not null)
        {
            // Colleagues by name for those who may list them; an auditor without that right picks
            // among the people the log has shown (added as pages load).
            actors = [.. (await People.DirectoryAsync((await AuthenticationState).User)).People];
        }
        await LoadAsync();
    }

    /// <summary>Everyone a loaded page names becomes choosable in the person filter.</summary>
    private void RememberActors(IEnumerable<AuditEntry> loaded)
    {
        var added = loaded.Where(e => e.ActorId.Length > 0).DistinctBy(e => e.ActorId).Where(e => actors.All(a => a.Id != e.ActorId))
            .Select(e => new Person { Id = e.ActorId, DisplayName = e.ActorName.Length > 0 ? e.ActorName : e.ActorId }).ToList();
        if (added.Count > 0)
        {
            actors = [.. actors.Concat(added).OrderBy(a => a.DisplayName, StringComparer.CurrentCulture)];
        }
    }

    private async Task LoadAsync()
    {
        loading = true;
        var request = applied.Clone();
        request.PageSize = pageSize;
        request.PageToken = pages.CurrentToken;
        errors.Clear();
        var response = await AuditApi.SearchEntriesAsync(request, errors);
        entries = response?.Entries ?? [];
        RememberActors(entries);
        pages.Loaded(response?.NextPageToken ?? "");
        loading = false;
    }

    private async Task SearchAsync()
    {
        var zone = await Browser.GetTimeZoneAsync();
        applied = new SearchEntriesRequest
        {
            ActorId = filter.ActorId ?? "",
            Action = filter.Action ?? "",
            EntityType = filter.EntityType.Trim(),
            EntityId = filter.EntityId.Trim(),
            From = ToTimestamp(filter.From, zone),
            To = ToTimestamp(filter.To, zone),
            Query = filter.Query.Trim(),
        };
        pages.Reset();
        selectedId = null;
        await LoadAsync();
    }

    private Task ResetAsync()
    {
        filter = new Filter();
        return SearchAsync();
    }

    /// <summary>The form's times are the user's wall-clock times in the browser's zone.</summary>
    private static Timestamp? ToTimestamp(DateTime? local, TimeZoneInfo zone) =>
        local is { } value
            ? Timestamp.FromDateTime(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), zone))
            : null;

    private void OpenEntry(DataGridRowMouseEventArgs<AuditEntry> args)
    {
        if (args.Data is { } entry)
        {
            selectedId = entry.Id;
        }
    }

    private static void RenderRow(RowRenderEventArgs<AuditEntry> args)
    {
        args.Attributes.Add("data-testid", "audit-row");
        if (args.Data is { } entry)
        {
            args.Attributes.Add("data-entry-id", entry.Id.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static BadgeStyle OutcomeStyle(string outcome) => outcome switch
    {
        "success" => BadgeStyle.Success,
        "denied" => BadgeStyle.Warning,
        "failure" => BadgeStyle.Danger,
        _ => BadgeStyle.Base,
    };

    private async Task VerifyAsync()
    {
        verifying = true;
        verify = null;
        verifyErrors.Clear();
        verify = await AuditApi.VerifyChainAsync(verifyErrors);
        verifying = false;
    }

    private async Task ExportAsync()
    {
        exporting = true;
        export = null;
        exportErrors.Clear();
        var response = await AuditApi.ExportEntriesAsync(new ExportEntriesRequest
        {
            ActorId = applied.ActorId,
            Action = applied.Action,
            EntityType = applied.EntityType,
            EntityId = applied.EntityId,
            From = applied.From,
            To = applied.To,
            Query = applied.Query,
        }, exportErrors);
        if (response is not null)
        {
            exportFileName = $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv";
            export = response;
            await Browser.DownloadAsync(exportFileName, response.Csv, "text/csv;charset=utf-8");
        }
        exporting = false;
    }

    private static string CsvDataUrl(string csv) =>
        "data:text/csv;charset=utf-8," + Uri.EscapeDataString(csv);
}
