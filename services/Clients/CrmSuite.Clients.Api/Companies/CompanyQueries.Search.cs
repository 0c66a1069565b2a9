using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Clients.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>The search box: word prefixes of the name and of searchable custom fields, prefixes of the INN, phone and email.</summary>
public sealed partial class CompanyQueries
{
    public async Task<ListCompaniesResponse> SearchAsync(SearchCompaniesRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var plan = WordSearchPlan.For(request.Query.Trim());
        if (plan is null || request.Query.Trim().Length > MaxQueryLength)
        {
            return await PageAsync(SearchQuery(request, visibility), pageSize, SearchOrder, cancellationToken);
        }
        var token = PageToken.Decode(request.PageToken, SearchOrder);
        var ids = await wordSearch.PageAsync(plan, visibility, request.IncludeArchived, token, pageSize + 1, cancellationToken);
        var rows = await WithContactCount(db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id))).ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.Company.Id);
        return Page(ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList(), pageSize, SearchOrder);
    }

    /// <summary>The search's filter and order by full-text match, from the request's page on (an export reads it whole).</summary>
    public IQueryable<Company> SearchQuery(SearchCompaniesRequest request, Visibility visibility)
    {
        var query = request.Query.Trim();
        if (query.Length == 0)
        {
            throw new ValidationFailedException("query", "Type at least one letter or digit to search.");
        }
        if (query.Length > MaxQueryLength)
        {
            throw new ValidationFailedException("query", $"Search text must be at most {MaxQueryLength} characters.");
        }
        var token = PageToken.Decode(request.PageToken, SearchOrder);
        var terms = SearchTerms.Parse(query);
        if (terms.IsEmpty)
        {
            throw new ValidationFailedException("query", "Type at least one letter or digit to search.");
        }

        // The full-text match in name order: what an export of a search reads whole, and what the
        // search uses when only one- and two-letter words were typed (too short to drive the word
        // index, and quick here since prefixes that short match densely).
        var nameQuery = terms.NamePrefixQuery;
        var digits = terms.Digits;
        var phonePrefix = terms.PhonePrefix;
        var trunkPhonePrefix = terms.TrunkPhonePrefix;
        var emailPrefix = terms.EmailPrefix;
        var companies = Visible(request.IncludeArchived, visibility).Where(c =>
            (nameQuery != null && c.SearchVector.Matches(EF.Functions.ToTsQuery("simple", nameQuery)))
            || (nameQuery != null && c.CustomSearchVector.Matches(EF.Functions.ToTsQuery("simple", nameQuery)))
            || (digits != null && c.Inn!.StartsWith(digits))
            || (phonePrefix != null && c.Phone!.StartsWith(phonePrefix))
            || (trunkPhonePrefix != null && c.Phone!.StartsWith(trunkPhonePrefix))
            || (emailPrefix != null && c.Email!.StartsWith(emailPrefix)));
        return AfterByName(companies, token).OrderBy(c => c.Name).ThenBy(c => c.Id);
    }
}
