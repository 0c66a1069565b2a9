using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Clients.Api.Validation;
using CrmSuite.Clients.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Companies;

/// <summary>What a company card lists: its contacts and its timeline (with the history of the cards merged into it).</summary>
public sealed partial class CompanyQueries
{
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
}
