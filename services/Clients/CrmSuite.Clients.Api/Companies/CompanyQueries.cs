using System.Linq.Expressions;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Clients.Contracts;
using Microsoft.EntityFrameworkCore;
using CrmSuite.Clients.Api.Validation;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>
/// Reads of the client base. Every list is keyset-paged over an index that ends in the id, so
/// the thousandth page costs what the first does; nothing counts the whole table.
/// </summary>
public sealed partial class CompanyQueries(ClientsDbContext db, CompanySearch wordSearch)
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
