using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Errors;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Companies and their contacts as the staff UI looks them up. Each call answers its result, or
/// <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class ClientsApi(Companies.CompaniesClient companies)
{
    /// <summary>Companies matching <paramref name="query"/> (best first), or the first of the whole list when it is empty.</summary>
    public async Task<IReadOnlyList<Company>?> FindCompaniesAsync(string query, int pageSize, ErrorState errors,
        CancellationToken cancellationToken = default)
    {
        if (query.Length > 0)
        {
            var found = await ServiceCall.RunAsync(
                companies.SearchCompaniesAsync(new SearchCompaniesRequest { Query = query, PageSize = pageSize }, cancellationToken: cancellationToken),
                errors, cancellationToken);
            return found?.Companies;
        }
        var page = await ServiceCall.RunAsync(
            companies.ListCompaniesAsync(new ListCompaniesRequest { PageSize = pageSize }, cancellationToken: cancellationToken),
            errors, cancellationToken);
        return page?.Companies;
    }

    public Task<ListContactsResponse?> ListContactsAsync(string companyId, int pageSize, ErrorState errors) =>
        ServiceCall.RunAsync(companies.ListContactsAsync(new ListContactsRequest { CompanyId = companyId, PageSize = pageSize }), errors, default);
}
