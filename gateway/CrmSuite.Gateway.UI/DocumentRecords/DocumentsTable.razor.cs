using System.Globalization;
using CrmSuite.Clients.Contracts;
using CrmSuite.Documents.Contracts;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Paging;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace CrmSuite.Gateway.UI.DocumentRecords;

public sealed partial class DocumentsTable
{
    private readonly KeysetPages pages = new();
    private readonly ErrorState errors = new();
    private readonly LatestLoad loads = new();
    private IReadOnlyList<DocumentRow> rows = [];
    private IReadOnlyList<Company> companies = [];
    private IReadOnlyList<Option> typeOptions = [];
    private IReadOnlyList<Option> stateOptions = [];
    private DocumentFilter filter = DocumentFilter.None;
    private int pageSize = KeysetPager.DefaultPageSize;
    private (string?, string?, int)? shown;

    private bool loading => loads.Loading;

    /// <summary>Only this company's documents (its card's tab).</summary>
    [Parameter] public string? CompanyId { get; set; }

    /// <summary>Only this deal's documents (the deal's card).</summary>
    [Parameter] public string? DealId { get; set; }

    /// <summary>The Documents area's filters by type, state, client, period and the search.</summary>
    [Parameter] public bool ShowFilters { get; set; }

    /// <summary>Bumped by the parent after it made a document, so the list reloads.</summary>
    [Parameter] public int Revision { get; set; }

    /// <summary>Buttons shown in the toolbar.</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override void OnInitialized()
    {
        typeOptions = [.. DocumentLabels.Types.Select(type => new Option(type.Code, T[type.Text]))];
        stateOptions = [.. DocumentLabels.States.Select(state => new Option(state.Code, T[state.Text]))];
    }

    protected override async Task OnParametersSetAsync()
    {
        if (shown != (CompanyId, DealId, Revision))
        {
            shown = (CompanyId, DealId, Revision);
            pages.Reset();
            await LoadAsync();
        }
    }

    private Task LoadAsync(CancellationToken cancellationToken = default) =>
        loads.RunAsync(
            token => DocumentRecordsApi.ListDocumentsAsync(new ListDocumentsRequest
            {
                PageSize = pageSize,
                PageToken = pages.CurrentToken,
                CompanyId = CompanyId ?? filter.CompanyId,
                DealId = DealId ?? "",
                Type = filter.Type,
                State = filter.State,
            }, token),
            response =>
            {
                rows = [.. response.Documents.Where(filter.Matches).Select(d => DocumentRow.Of(T, d))];
                pages.Loaded(response.NextPageToken);
                errors.Clear();
            },
            exception =>
            {
                rows = [];
                pages.Loaded("");
                errors.Show(exception);
            },
            cancellationToken);

    private Task FilterAsync(DocumentFilter changed, CancellationToken cancellationToken = default)
    {
        filter = changed;
        pages.Reset();
        return LoadAsync(cancellationToken);
    }

    private Task OnSearchAsync(SearchInput search) => FilterAsync(filter with { Query = search.Query }, search.CancellationToken);

    private Task ClearFiltersAsync() => FilterAsync(DocumentFilter.None);

    private async Task SearchCompaniesAsync(LoadDataArgs args)
    {
        companies = await ClientsApi.FindCompaniesAsync(args.Filter?.Trim() ?? "", 20, errors) ?? companies;
    }

    private async Task OpenAsync(Radzen.DataGridRowMouseEventArgs<DocumentRow> args)
    {
        if (args.Data is { } row)
        {
            await Dialogs.OpenDocumentAsync(T, row.Document.Id, DocumentLabels.Title(T, row.Document));
            await LoadAsync();
        }
    }

    private sealed record Option(string Code, string Text);
}

/// <summary>
/// What the Documents area filters by. Type, state and client go to the service; the period and the
/// search words are matched here on each page the service answers, since ListDocuments has no fields for
/// them yet (a page may then show fewer rows than its size).
/// </summary>
internal sealed record DocumentFilter(string Type, string State, string CompanyId, DateTime? From, DateTime? To, string Query)
{
    public static readonly DocumentFilter None = new("", "", "", null, null, "");

    public bool IsEmpty => this == None;

    public bool Matches(Document document)
    {
        var date = DocumentLabels.ParseDate(document.Date);
        if (From is { } from && (date is null || date < DateOnly.FromDateTime(from)))
        {
            return false;
        }
        if (To is { } to && (date is null || date > DateOnly.FromDateTime(to)))
        {
            return false;
        }
        return Query.Trim().Length == 0
            || document.Number.Contains(Query.Trim(), StringComparison.CurrentCultureIgnoreCase)
            || document.CompanyName.Contains(Query.Trim(), StringComparison.CurrentCultureIgnoreCase);
    }
}

/// <summary>A document as a row: its words and typed values, so the grid sorts money as numbers and dates as dates.</summary>
public sealed record DocumentRow(Document Document, string Number, string Type, string Client, DateOnly? Date, decimal Total, string State)
{
    internal static DocumentRow Of(Localization.UiText t, Document d) => new(d, d.Number, DocumentLabels.TypeText(t, d.Type), d.CompanyName,
        DocumentLabels.ParseDate(d.Date), decimal.TryParse(d.Total, NumberStyles.Number, CultureInfo.InvariantCulture, out var total) ? total : 0m,
        DocumentLabels.StateText(t, d.State));
}
