using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Common;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Paging;
using Radzen;

namespace CrmSuite.Gateway.UI.Clients;

public partial class ClientsList
{
    private readonly KeysetPages pages = new();
    private readonly ErrorState errors = new();
    private IReadOnlyList<Company> companies = [];
    private int pageSize = KeysetPager.DefaultPageSize;
    private CompanySort sort = CompanySort.Name;
    private bool descending;
    private bool includeArchived;
    private readonly LatestLoad loads = new();
    private bool loading => loads.Loading;
    private string activeQuery = "";

    private sealed record FieldChoice(string Id, string Name, CustomField Field);

    private List<FieldChoice> filterableFields = [];
    private string customFieldId = "";
    private string customFieldValue = "";

    private CustomField? CustomFilterField => filterableFields.FirstOrDefault(f => f.Id == customFieldId)?.Field;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        // Without the schema the list simply offers no custom-field filter (and says nothing of it).
        if (await ClientsApi.ListCustomFieldsAsync(new ErrorState()) is { } schema)
        {
            // A contact link's value is a contact of one company: no use as a filter across the list.
            filterableFields = schema.Sections.SelectMany(section => section.Fields)
                .Where(f => f.Filterable && f.Type != CustomFieldType.Contact)
                .Select(f => new FieldChoice(f.Id, T.IsRussian ? f.NameRu : f.NameEn, f)).ToList();
        }
    }

    private string tagFilter = "";
    private (long Count, ListTotalKind Kind) total;

    /// <summary>The list's size as the service counted it: exact, "about" (the whole base) or "more than"; none for a search.</summary>
    private string? TotalText => total.Kind switch
    {
        ListTotalKind.Exact => T.Format(Texts.Clients.TotalExact, total.Count),
        ListTotalKind.Estimate => T.Format(Texts.Clients.TotalEstimate, total.Count),
        ListTotalKind.MoreThan => T.Format(Texts.Clients.TotalMoreThan, total.Count),
        _ => null,
    };
    /// <summary>What the list shows now, for the export.</summary>
    private ExportCompaniesRequest ExportFilter => new()
    {
        Query = activeQuery, Sort = sort, Descending = descending, IncludeArchived = includeArchived,
        Tag = tagFilter.Trim(), CustomFieldId = CustomFilterActive ? customFieldId : "", CustomFieldValue = CustomFilterActive ? customFieldValue : "",
    };

    /// <summary>A field is chosen and given a value: only then does it narrow the list.</summary>
    private bool CustomFilterActive => customFieldId.Length > 0 && customFieldValue.Trim().Length > 0;

    private Task LoadAsync(CancellationToken cancellationToken = default)
    {
        return loads.RunAsync(
            token => activeQuery.Length > 0
                // Search has its own order (best match); the list is sorted by the chosen column.
                ? ClientsApi.SearchCompaniesAsync(new SearchCompaniesRequest
                {
                    Query = activeQuery,
                    PageSize = pageSize,
                    PageToken = pages.CurrentToken,
                    IncludeArchived = includeArchived,
                }, token)
                : ClientsApi.ListCompaniesAsync(new ListCompaniesRequest
                {
                    PageSize = pageSize,
                    PageToken = pages.CurrentToken,
                    Sort = sort,
                    Descending = descending,
                    IncludeArchived = includeArchived,
                    Tag = tagFilter.Trim(),
                    CustomFieldId = CustomFilterActive ? customFieldId : "",
                    CustomFieldValue = CustomFilterActive ? customFieldValue.Trim() : "",
                }, token),
            response =>
            {
                companies = response.Companies;
                // Counted on a list's first page only; later pages keep the count of the first.
                if (activeQuery.Length > 0 || response.TotalKind != ListTotalKind.Unspecified)
                {
                    total = (response.Total, response.TotalKind);
                }
                pages.Loaded(response.NextPageToken);
                errors.Clear();
            },
            exception =>
            {
                companies = [];
                pages.Loaded("");
                errors.Show(exception);
            },
            cancellationToken);
    }

    private Task OnSearchAsync(SearchInput search)
    {
        activeQuery = search.Query;
        pages.Reset();
        return LoadAsync(search.CancellationToken);
    }

    /// <summary>The tag filter narrows the list (search has its own ranking and ignores it).</summary>
    private Task OnTagChangedAsync(string value)
    {
        tagFilter = value;
        pages.Reset();
        return LoadAsync();
    }

    private Task OnCustomFieldChangedAsync(string? fieldId)
    {
        var wasActive = CustomFilterActive;
        customFieldId = fieldId ?? "";
        customFieldValue = "";
        if (!wasActive)
        {
            return Task.CompletedTask;
        }
        pages.Reset();
        return LoadAsync();
    }

    private Task OnCustomValueChangedAsync(string value)
    {
        customFieldValue = value;
        pages.Reset();
        return LoadAsync();
    }

    private Task OnIncludeArchivedChangedAsync(bool value)
    {
        includeArchived = value;
        pages.Reset();
        return LoadAsync();
    }

    /// <summary>The grid asks for data when a column header is clicked: map it to the API's sort.</summary>
    private async Task OnSortAsync(LoadDataArgs args)
    {
        var column = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null);
        var newSort = column?.Property switch
        {
            nameof(Company.CreatedAt) => CompanySort.Created,
            nameof(Company.LastActivityAt) => CompanySort.LastActivity,
            _ => CompanySort.Name,
        };
        var newDescending = column?.SortOrder == SortOrder.Descending;
        if (newSort == sort && newDescending == descending)
        {
            return;
        }

        sort = newSort;
        descending = newDescending;
        pages.Reset();
        await LoadAsync();
    }

    private void OpenCompany(DataGridRowMouseEventArgs<Company> args)
    {
        if (args.Data is { } company)
        {
            Navigation.NavigateTo($"clients/{company.Id}");
        }
    }
}
