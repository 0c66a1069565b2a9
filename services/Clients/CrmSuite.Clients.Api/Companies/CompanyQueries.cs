using System.Linq.Expressions;
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
public sealed class CompanyQueries(ClientsDbContext db, CompanySearch wordSearch)
{
    public const int MaxQueryLength = 100;
    private const string ByName = "name";
    private const string ByNameDescending = "name-desc";
    private const string ByCreated = "created";
    private const string ByCreatedDescending = "created-desc";
    private const string SearchOrder = "search";
    private const string ContactsOrder = "contacts";
    private const string ChangesOrder = "changes";

    private const string ByActivity = "activity";
    private const string ByActivityDescending = "activity-desc";

    private sealed record CompanyRow(Company Company, int ContactCount, DateTimeOffset LastActivityAt)
    {
        public Contracts.Company ToMessage()
        {
            // A projected row has null where a whole entity keeps its empty list (no jsonb stored yet).
            Company.Addresses ??= [];
            Company.Phones ??= [];
            Company.Emails ??= [];
            Company.Tags ??= [];
            var message = Company.ToMessage(ContactCount);
            message.LastActivityAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(LastActivityAt);
            return message;
        }
    }

    public async Task<Contracts.Company> GetAsync(Guid id, Visibility visibility, CancellationToken cancellationToken)
    {
        var row = await WithContactCount(db.Companies.Where(visibility.Filter()).Where(c => c.Id == id)).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RecordNotFoundException("Company", id.ToString());
        return row.ToMessage();
    }

    public async Task<ListCompaniesResponse> ListAsync(ListCompaniesRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var (companies, order, token) = await FilteredListAsync(request, visibility, cancellationToken);
        var page = order is ByActivity or ByActivityDescending
            ? await ListByActivityAsync(companies, token, order, pageSize, cancellationToken)
            : await PageAsync(Ordered(companies, order, token), pageSize, order, cancellationToken);
        if (token is null)
        {
            var unfiltered = visibility.SeesAll && string.IsNullOrWhiteSpace(request.Tag) && request.CustomFieldId.Length == 0;
            (page.Total, page.TotalKind) = await TotalAsync(companies, unfiltered, cancellationToken);
        }
        return page;
    }

    /// <summary>Exact up to this many; above it the list says "more than" (or "about", for the whole base).</summary>
    public const int ExactTotalUpTo = 10_000;

    /// <summary>
    /// How many companies a list has, without an unbounded COUNT(*): the whole base (a caller who
    /// sees all, no filter) is PostgreSQL's estimate once it is large; anything else is counted
    /// up to <see cref="ExactTotalUpTo"/> + 1 rows.
    /// </summary>
    private async Task<(long Total, ListTotalKind Kind)> TotalAsync(IQueryable<Company> companies, bool wholeBase, CancellationToken cancellationToken)
    {
        if (wholeBase)
        {
            var estimate = await db.Database.SqlQuery<long>($"SELECT reltuples::bigint AS \"Value\" FROM pg_class WHERE oid = 'companies'::regclass").SingleAsync(cancellationToken);
            if (estimate > ExactTotalUpTo)
            {
                return (estimate, ListTotalKind.Estimate);
            }
        }
        var counted = await companies.Take(ExactTotalUpTo + 1).CountAsync(cancellationToken);
        return counted > ExactTotalUpTo ? (ExactTotalUpTo, ListTotalKind.MoreThan) : (counted, ListTotalKind.Exact);
    }

    /// <summary>The list's filter and order, from the request's page on (an export reads it whole).</summary>
    public async Task<IQueryable<Company>> ListQueryAsync(ListCompaniesRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var (companies, order, token) = await FilteredListAsync(request, visibility, cancellationToken);
        return order switch
        {
            ByActivity => companies.OrderBy(c => db.CompanyActivity.Where(a => a.CompanyId == c.Id).Select(a => a.LastActivityAt).FirstOrDefault()).ThenBy(c => c.Id),
            ByActivityDescending => companies.OrderByDescending(c => db.CompanyActivity.Where(a => a.CompanyId == c.Id).Select(a => a.LastActivityAt).FirstOrDefault()).ThenByDescending(c => c.Id),
            _ => Ordered(companies, order, token),
        };
    }

    private async Task<(IQueryable<Company> Companies, string Order, PageToken? Token)> FilteredListAsync(ListCompaniesRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Sort))
        {
            throw new ValidationFailedException("sort", "Sort must be NAME, CREATED or LAST_ACTIVITY.");
        }
        var order = (request.Sort, request.Descending) switch
        {
            (CompanySort.Created, false) => ByCreated,
            (CompanySort.Created, true) => ByCreatedDescending,
            (CompanySort.LastActivity, false) => ByActivity,
            (CompanySort.LastActivity, true) => ByActivityDescending,
            (_, false) => ByName,
            (_, true) => ByNameDescending,
        };
        var token = PageToken.Decode(request.PageToken, order);
        var companies = await FilteredAsync(Visible(request.IncludeArchived, visibility), request, cancellationToken);
        return (companies, order, token);
    }

    private static IQueryable<Company> Ordered(IQueryable<Company> companies, string order, PageToken? token) => order switch
    {
        ByName => AfterByName(companies, token).OrderBy(c => c.Name).ThenBy(c => c.Id),
        ByNameDescending => BeforeByName(companies, token).OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
        ByCreated => AfterByCreated(companies, token).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        _ => BeforeByCreated(companies, token).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
    };

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

    public async Task<ListCompanyChangesResponse> ListChangesAsync(ListCompanyChangesRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var companyId = InputRules.Id("company_id", request.CompanyId);
        var pageSize = PageSize.Validate(request.PageSize);
        var token = PageToken.Decode(request.PageToken, ChangesOrder);
        if (!await db.Companies.Where(visibility.Filter()).AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            throw new RecordNotFoundException("Company", request.CompanyId);
        }
        var merged = await MergedIntoAsync(companyId, visibility, cancellationToken);
        var mergedCards = merged.Keys.ToList();
        var changes = db.CompanyChanges.AsNoTracking().Where(c => c.CompanyId == companyId);
        if (mergedCards.Count > 0)
        {
            // A merged card's own "merged into" row would only repeat the survivor's "merged" row.
            changes = db.CompanyChanges.AsNoTracking()
                .Where(c => c.CompanyId == companyId || (mergedCards.Contains(c.CompanyId) && c.Action != MergedIntoAction));
        }
        if (token is not null)
        {
            var at = RequireTime(token);
            changes = changes.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.At, c.Id), ValueTuple.Create(at, token.Id)));
        }
        var page = await changes.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListCompanyChangesResponse();
        response.Changes.AddRange(page.Take(pageSize).Select(c =>
        {
            var message = c.ToMessage();
            if (merged.TryGetValue(c.CompanyId, out var name))
            {
                message.MergedCompanyId = c.CompanyId.ToString();
                message.MergedCompanyName = name;
            }
            return message;
        }));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(ChangesOrder, null, last.At, last.Id).Encode();
        }
        return response;
    }

    /// <summary>
    /// Every company merged into this one, directly or through a company merged into it later, with
    /// its name: their history belongs on the surviving card. Only cards the caller may see: a
    /// manager does not read the history of a card that was never theirs. Merges are rare and
    /// chains short; the walk stops after <see cref="MaxMergeDepth"/> levels all the same.
    /// </summary>
    private async Task<Dictionary<Guid, string>> MergedIntoAsync(Guid companyId, Visibility visibility, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<Guid, string>();
        List<Guid> level = [companyId];
        for (var depth = 0; depth < MaxMergeDepth && level.Count > 0; depth++)
        {
            var parents = level;
            var found = await db.Companies.AsNoTracking().Where(visibility.Filter())
                .Where(c => c.MergedIntoId != null && parents.Contains(c.MergedIntoId.Value))
                .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
            level = [];
            foreach (var company in found.Where(c => c.Id != companyId && merged.TryAdd(c.Id, c.Name)))
            {
                level.Add(company.Id);
            }
        }
        return merged;
    }

    private const int MaxMergeDepth = 10;

    /// <summary>The timeline action of a card merged into another (written by the merge).</summary>
    public const string MergedIntoAction = "company.merged_into";

    /// <summary>
    /// The list's filters: a tag (tags @> ARRAY[tag], GIN on tags) and a filterable custom field's
    /// value (custom_values @> '{"id": value}', GIN jsonb_path_ops on custom_values).
    /// </summary>
    private async Task<IQueryable<Company>> FilteredAsync(IQueryable<Company> companies, ListCompaniesRequest request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.Tag))
        {
            string[] wanted = [InputRules.NormalizeTag(request.Tag)!];
            companies = companies.Where(c => wanted.All(t => c.Tags.Contains(t)));
        }
        if (request.CustomFieldId.Length == 0)
        {
            return companies;
        }
        var fieldId = InputRules.Id("custom_field_id", request.CustomFieldId);
        var field = await db.CustomFields.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fieldId, cancellationToken)
            ?? throw new ValidationFailedException("custom_field_id", "No such custom field.");
        if (!field.Filterable)
        {
            throw new ValidationFailedException("custom_field_id", "This custom field is not marked filterable.");
        }
        var value = CustomFields.CustomFieldValues.Parse(field, request.CustomFieldValue, out var error)
            ?? throw new ValidationFailedException("custom_field_value", error!);
        var document = CustomFields.CustomFieldValues.FilterDocument(field, value);
        return companies.Where(c => EF.Functions.JsonContains(c.CustomValues, document));
    }

    private IQueryable<Company> Visible(bool includeArchived, Visibility visibility)
    {
        var companies = db.Companies.AsNoTracking().Where(visibility.Filter());
        return includeArchived ? companies : companies.Where(c => c.ArchivedAt == null);
    }

    /// <summary>
    /// Most recently active first (or last): a backward walk of the activity index joined to the
    /// visible companies, keyset-paged on (last activity, id) like every other order.
    /// </summary>
    private async Task<ListCompaniesResponse> ListByActivityAsync(IQueryable<Company> companies, PageToken? token, string order, int pageSize, CancellationToken cancellationToken)
    {
        var descending = order == ByActivityDescending;
        var rows = from c in companies
                   join a in db.CompanyActivity on c.Id equals a.CompanyId
                   select new { Company = c, a.LastActivityAt, a.CompanyId };
        if (token is not null)
        {
            var at = RequireTime(token);
            var id = token.Id;
            rows = descending
                ? rows.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.LastActivityAt, r.CompanyId), ValueTuple.Create(at, id)))
                : rows.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.LastActivityAt, r.CompanyId), ValueTuple.Create(at, id)));
        }
        rows = descending
            ? rows.OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.CompanyId)
            : rows.OrderBy(r => r.LastActivityAt).ThenBy(r => r.CompanyId);
        var page = await WithContactCount(rows.Select(r => r.Company).Take(pageSize + 1)).ToListAsync(cancellationToken);
        return Page(page, pageSize, order);
    }

    private IQueryable<CompanyRow> WithContactCount(IQueryable<Company> companies) =>
        companies.AsNoTracking().Select(ShownColumns.InlineInto<Company, CompanyRow>(nameof(Shown), c => new CompanyRow(Shown(c), c.Contacts.Count(x => x.ArchivedAt == null),
            db.CompanyActivity.Where(a => a.CompanyId == c.Id).Select(a => a.LastActivityAt).FirstOrDefault())));

    /// <summary>
    /// The columns a company's message shows: the search columns (two tsvectors and the custom
    /// search text) stay in the database, where reading and parsing them cost a page of 25 more
    /// than the rest of the row (bench/clients-scale). <see cref="Shown"/> marks where in a query
    /// this projection is inlined.
    /// </summary>
    private static readonly Expression<Func<Company, Company>> ShownColumns = c => new Company
    {
        Id = c.Id, Name = c.Name, Inn = c.Inn, Email = c.Email, Phone = c.Phone,
        CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt, ArchivedAt = c.ArchivedAt,
        OwnerUserId = c.OwnerUserId, TeamId = c.TeamId, Version = c.Version, MergedIntoId = c.MergedIntoId,
        Kpp = c.Kpp, Ogrn = c.Ogrn, LegalForm = c.LegalForm, FullLegalName = c.FullLegalName,
        BankBik = c.BankBik, BankAccount = c.BankAccount, BankCorrespondentAccount = c.BankCorrespondentAccount, BankName = c.BankName,
        Addresses = c.Addresses, Phones = c.Phones, Emails = c.Emails, Tags = c.Tags, CustomValues = c.CustomValues,
    };

    private static Company Shown(Company company) => throw new InvalidOperationException("Only inside a query, through InlineInto.");

    private async Task<ListCompaniesResponse> PageAsync(IQueryable<Company> ordered, int pageSize, string order, CancellationToken cancellationToken)
    {
        var page = await WithContactCount(ordered.Take(pageSize + 1)).ToListAsync(cancellationToken);
        return Page(page, pageSize, order);
    }

    private static ListCompaniesResponse Page(List<CompanyRow> page, int pageSize, string order)
    {
        var response = new ListCompaniesResponse();
        response.Companies.AddRange(page.Take(pageSize).Select(r => r.ToMessage()));
        if (page.Count > pageSize)
        {
            var row = page[pageSize - 1];
            var last = row.Company;
            var time = order is ByActivity or ByActivityDescending ? row.LastActivityAt : last.CreatedAt;
            response.NextPageToken = new PageToken(order, last.Name, time, last.Id).Encode();
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
