using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Leads;

/// <summary>Reads of leads: newest first, keyset-paged over (created_at, id); filters narrow the same order.</summary>
public sealed class LeadQueries(ClientsDbContext db)
{
    private const string NewestFirst = "leads-newest";
    public const string Unassigned = "-";

    public async Task<Lead> GetAsync(Guid id, Visibility visibility, CancellationToken cancellationToken) =>
        await db.Leads.AsNoTracking().Where(visibility.LeadFilter()).FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("Lead", id.ToString());

    public async Task<ListLeadsResponse> ListAsync(ListLeadsRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var status = LeadMapping.FromMessage(request.Status, "status");
        var source = LeadMapping.FromMessage(request.Source, "source");
        var token = PageToken.Decode(request.PageToken, NewestFirst);
        var leads = db.Leads.AsNoTracking().Where(visibility.LeadFilter());
        if (status is { } s)
        {
            leads = leads.Where(l => l.Status == s);
        }
        if (source is { } src)
        {
            leads = leads.Where(l => l.Source == src);
        }
        if (request.OwnerUserId.Length > 100)
        {
            throw new ValidationFailedException("owner_user_id", "Must be a user id, or - for leads nobody is responsible for.");
        }
        if (request.OwnerUserId.Length > 0)
        {
            var owner = request.OwnerUserId == Unassigned ? string.Empty : request.OwnerUserId;
            leads = leads.Where(l => l.OwnerUserId == owner);
        }
        var query = request.Query.Trim();
        if (query.Length > CompanyQueries.MaxQueryLength)
        {
            throw new ValidationFailedException("query", $"Search text must be at most {CompanyQueries.MaxQueryLength} characters.");
        }
        if (query.Length > 0)
        {
            var terms = SearchTerms.Parse(query);
            var nameQuery = terms.NamePrefixQuery;
            var phonePrefix = terms.PhonePrefix;
            var trunkPhonePrefix = terms.TrunkPhonePrefix;
            var emailPrefix = terms.EmailPrefix;
            leads = leads.Where(l =>
                (nameQuery != null && l.SearchVector.Matches(EF.Functions.ToTsQuery("simple", nameQuery)))
                || (phonePrefix != null && l.Phone!.StartsWith(phonePrefix))
                || (trunkPhonePrefix != null && l.Phone!.StartsWith(trunkPhonePrefix))
                || (emailPrefix != null && l.Email!.StartsWith(emailPrefix)));
        }
        if (token is not null)
        {
            var created = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            leads = leads.Where(l => EF.Functions.LessThan(ValueTuple.Create(l.CreatedAt, l.Id), ValueTuple.Create(created, token.Id)));
        }
        var page = await leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var response = new ListLeadsResponse();
        response.Leads.AddRange(page.Take(pageSize).Select(l => l.ToMessage()));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(NewestFirst, null, last.CreatedAt, last.Id).Encode();
        }
        return response;
    }
}
