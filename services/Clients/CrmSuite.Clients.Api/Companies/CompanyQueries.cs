using System.Text;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Api.Grpc;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Clients.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// Reads of the client base. Every list is keyset-paged over an index that ends in the id, so
/// the thousandth page costs what the first does; nothing counts the whole table.
/// </summary>
public sealed class CompanyQueries(ClientsDbContext db)
{
    public const int MaxQueryLength = 100;
    private const string ByName = "name";
    private const string ByNameDescending = "name-desc";
    private const string ByCreated = "created";
    private const string ByCreatedDescending = "created-desc";
    private const string SearchOrder = "search";
    private const string ContactsOrder = "contacts";

    private sealed record CompanyRow(Company Company, int ContactCount);

    public async Task<Contracts.Company> GetAsync(Guid id, Visibility visibility, CancellationToken cancellationToken)
    {
        var row = await WithContactCount(db.Companies.Where(visibility.Filter()).Where(c => c.Id == id)).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RecordNotFoundException("Company", id.ToString());
        return row.Company.ToMessage(row.ContactCount);
    }

    public async Task<ListCompaniesResponse> ListAsync(ListCompaniesRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var (companies, order) = ListQuery(request, visibility);
        return await PageAsync(companies, pageSize, order, cancellationToken);
    }

    /// <summary>The list's filter and order, from the request's page on (an export reads it whole).</summary>
    public (IQueryable<Company> Companies, string Order) ListQuery(ListCompaniesRequest request, Visibility visibility)
    {
        if (!Enum.IsDefined(request.Sort))
        {
            throw new ValidationFailedException("sort", "Sort must be NAME or CREATED.");
        }
        var byCreated = request.Sort == CompanySort.Created;
        var order = (byCreated, request.Descending) switch
        {
            (false, false) => ByName,
            (false, true) => ByNameDescending,
            (true, false) => ByCreated,
            (true, true) => ByCreatedDescending,
        };
        var token = PageToken.Decode(request.PageToken, order);
        var companies = Visible(request.IncludeArchived, visibility);
        companies = order switch
        {
            ByName => AfterByName(companies, token).OrderBy(c => c.Name).ThenBy(c => c.Id),
            ByNameDescending => BeforeByName(companies, token).OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            ByCreated => AfterByCreated(companies, token).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            _ => BeforeByCreated(companies, token).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        };
        return (companies, order);
    }

    public async Task<ListCompaniesResponse> SearchAsync(SearchCompaniesRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        return await PageAsync(SearchQuery(request, visibility), pageSize, SearchOrder, cancellationToken);
    }

    /// <summary>The search's filter and order, from the request's page on (an export reads it whole).</summary>
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

        var nameQuery = terms.NamePrefixQuery;
        var digits = terms.Digits;
        var phonePrefix = terms.PhonePrefix;
        var trunkPhonePrefix = terms.TrunkPhonePrefix;
        var emailPrefix = terms.EmailPrefix;
        var companies = Visible(request.IncludeArchived, visibility).Where(c =>
            (nameQuery != null && c.SearchVector.Matches(EF.Functions.ToTsQuery("simple", nameQuery)))
            || (digits != null && c.Inn!.StartsWith(digits))
            || (phonePrefix != null && c.Phone!.StartsWith(phonePrefix))
            || (trunkPhonePrefix != null && c.Phone!.StartsWith(trunkPhonePrefix))
            || (emailPrefix != null && c.Email!.StartsWith(emailPrefix)));
        return AfterByName(companies, token).OrderBy(c => c.Name).ThenBy(c => c.Id);
    }

    public async Task<ListContactsResponse> ListContactsAsync(ListContactsRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var companyId = InputRules.Id("company_id", request.CompanyId);
        var pageSize = PageSize.Validate(request.PageSize);
        var token = PageToken.Decode(request.PageToken, ContactsOrder);
        if (!await db.Companies.Where(visibility.Filter()).AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            throw new RecordNotFoundException("Company", request.CompanyId);
        }
        var contacts = db.Contacts.AsNoTracking().Where(c => c.CompanyId == companyId);
        if (!request.IncludeArchived)
        {
            contacts = contacts.Where(c => c.ArchivedAt == null);
        }
        if (token is not null)
        {
            var name = RequireText(token);
            contacts = contacts.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.FullName, c.Id), ValueTuple.Create(name, token.Id)));
        }
        var page = await contacts.OrderBy(c => c.FullName).ThenBy(c => c.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListContactsResponse();
        response.Contacts.AddRange(page.Take(pageSize).Select(c => c.ToMessage()));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(ContactsOrder, last.FullName, null, last.Id).Encode();
        }
        return response;
    }

    private IQueryable<Company> Visible(bool includeArchived, Visibility visibility)
    {
        var companies = db.Companies.AsNoTracking().Where(visibility.Filter());
        return includeArchived ? companies : companies.Where(c => c.ArchivedAt == null);
    }

    private static IQueryable<CompanyRow> WithContactCount(IQueryable<Company> companies) =>
        companies.Select(c => new CompanyRow(c, c.Contacts.Count(x => x.ArchivedAt == null)));

    private static async Task<ListCompaniesResponse> PageAsync(IQueryable<Company> ordered, int pageSize, string order, CancellationToken cancellationToken)
    {
        var page = await WithContactCount(ordered.Take(pageSize + 1)).ToListAsync(cancellationToken);
        var response = new ListCompaniesResponse();
        response.Companies.AddRange(page.Take(pageSize).Select(r => r.Company.ToMessage(r.ContactCount)));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1].Company;
            response.NextPageToken = new PageToken(order, last.Name, last.CreatedAt, last.Id).Encode();
        }
        return response;
    }

    private static IQueryable<Company> AfterByName(IQueryable<Company> companies, PageToken? token)
    {
        if (token is null)
        {
            return companies;
        }
        var name = RequireText(token);
        return companies.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.Name, c.Id), ValueTuple.Create(name, token.Id)));
    }

    private static IQueryable<Company> BeforeByName(IQueryable<Company> companies, PageToken? token)
    {
        if (token is null)
        {
            return companies;
        }
        var name = RequireText(token);
        return companies.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.Name, c.Id), ValueTuple.Create(name, token.Id)));
    }

    private static IQueryable<Company> AfterByCreated(IQueryable<Company> companies, PageToken? token)
    {
        if (token is null)
        {
            return companies;
        }
        var created = RequireTime(token);
        return companies.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(created, token.Id)));
    }

    private static IQueryable<Company> BeforeByCreated(IQueryable<Company> companies, PageToken? token)
    {
        if (token is null)
        {
            return companies;
        }
        var created = RequireTime(token);
        return companies.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(created, token.Id)));
    }

    private static string RequireText(PageToken token) =>
        token.Text ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");

    private static DateTimeOffset RequireTime(PageToken token) =>
        token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
}

/// <summary>
/// What a person typed into the search box, read as: word prefixes of the name, a digit prefix
/// of the INN or phone, and a prefix of the email.
/// </summary>
public sealed record SearchTerms(string? NamePrefixQuery, string? Digits, string? PhonePrefix, string? TrunkPhonePrefix, string? EmailPrefix)
{
    private const int MinDigitsForNumberSearch = 3;

    public bool IsEmpty => NamePrefixQuery is null && Digits is null && EmailPrefix is null;

    public static SearchTerms Parse(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in query)
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(char.ToLowerInvariant(ch));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        // to_tsquery('simple', 'word:* & other:*'): every typed word must start a word of the name.
        var nameQuery = words.Count == 0 ? null : string.Join(" & ", words.Select(w => w + ":*"));

        // "8 (495) 123-45", "+7 495", "7707083893": digits only when the text is number-like.
        var looksNumeric = query.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')');
        var digits = looksNumeric ? new string(query.Where(char.IsAsciiDigit).ToArray()) : string.Empty;
        string? digitPrefix = null, phonePrefix = null, trunkPrefix = null;
        if (digits.Length >= MinDigitsForNumberSearch)
        {
            digitPrefix = digits;
            phonePrefix = "+" + digits;
            // Russians dial 8 for the trunk prefix: 8 495 … is +7 495 ….
            trunkPrefix = digits[0] == '8' ? "+7" + digits[1..] : null;
        }
        var emailPrefix = query.Any(char.IsWhiteSpace) || !query.Any(char.IsLetterOrDigit) ? null : query.ToLowerInvariant();
        return new SearchTerms(nameQuery, digitPrefix, phonePrefix, trunkPrefix, emailPrefix);
    }
}
