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
    private string sort = "";
    private bool descending;
    private int searchBoxes;
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
                DateFrom = DocumentFilter.Day(filter.From),
                DateTo = DocumentFilter.Day(filter.To),
                Query = filter.Query,
                Sort = sort,
                Descending = descending,
            }, token),
            response =>
            {
                rows = [.. response.Documents.Select(d => DocumentRow.Of(T, d))];
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

    private Task ClearFiltersAsync()
    {
        // A new search box: the words typed go with the filters they made.
        searchBoxes++;
        return FilterAsync(DocumentFilter.None);
    }

    /// <summary>A column's sort is the service's (date, number or total): the pages start again in the new order.</summary>
    private Task OnSortAsync(LoadDataArgs args)
    {
        var column = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null);
        var newSort = column?.Property switch
        {
            nameof(DocumentRow.Date) => "date",
            nameof(DocumentRow.Number) => "number",
            nameof(DocumentRow.Total) => "total",
            _ => "",
        };
        var newDescending = newSort.Length > 0 && column?.SortOrder == SortOrder.Descending;
        if (newSort == sort && newDescending == descending)
        {
            return Task.CompletedTask;
        }
        sort = newSort;
        descending = newDescending;
        pages.Reset();
        return LoadAsync();
    }

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

/// <summary>What the Documents area filters by: type, state, client, period and the search words, all applied by the service.</summary>
internal sealed record DocumentFilter(string Type, string State, string CompanyId, DateTime? From, DateTime? To, string Query)
{
    public static readonly DocumentFilter None = new("", "", "", null, null, "");

    public bool IsEmpty => this == None;

    /// <summary>A picked day as the service reads it (yyyy-MM-dd), empty when none.</summary>
    public static string Day(DateTime? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>A document as a row: its words and typed values, so the grid sorts money as numbers and dates as dates.</summary>
public sealed record DocumentRow(Document Document, string Number, string Type, string Client, DateOnly? Date, decimal Total, string State)
{
    internal static DocumentRow Of(Localization.UiText t, Document d) => new(d, d.Number, DocumentLabels.TypeText(t, d.Type), d.CompanyName,
        DocumentLabels.ParseDate(d.Date), decimal.TryParse(d.Total, NumberStyles.Number, CultureInfo.InvariantCulture, out var total) ? total : 0m,
        DocumentLabels.StateText(t, d.State));
}
