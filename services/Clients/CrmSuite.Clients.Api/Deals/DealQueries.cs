using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>
/// Reads of deals. A deal is visible exactly when its company is (<see cref="Visibility"/>); a
/// deal outside it is "not found". Lists are keyset-paged over indexes ending in the id.
/// </summary>
public sealed class DealQueries(ClientsDbContext db)
{
    /// <summary>Deals without an expected close date sort after every dated one.</summary>
    private static readonly DateOnly NoDate = new(9999, 12, 31);

    private sealed record DealRow(Deal Deal, string CompanyName, PipelineStage Stage);

    public IQueryable<Deal> Visible(Visibility visibility) =>
        db.Deals.Where(deal => db.Companies.Where(visibility.Filter()).Any(company => company.Id == deal.CompanyId));

    public async Task<Contracts.Deal> GetAsync(Guid id, Visibility visibility, CancellationToken cancellationToken)
    {
        var row = await WithNames(Visible(visibility).AsNoTracking().Where(d => d.Id == id)).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RecordNotFoundException("Deal", id.ToString());
        return row.Deal.ToMessage(row.CompanyName, row.Stage);
    }

    public async Task<ListDealsResponse> ListAsync(ListDealsRequest request, Visibility visibility, CancellationToken cancellationToken)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var errors = new FieldErrors();
        if (!Enum.IsDefined(request.Sort))
        {
            errors.Add("sort", "Sort must be UPDATED, AMOUNT or EXPECTED_CLOSE.");
        }
        var pipelineId = DealRules.OptionalId(errors, "pipeline_id", request.PipelineId);
        var stageId = DealRules.OptionalId(errors, "stage_id", request.StageId);
        var companyId = DealRules.OptionalId(errors, "company_id", request.CompanyId);
        var owner = DealRules.Text(errors, "owner_user_id", request.OwnerUserId, 100, required: false);
        var query = DealRules.Text(errors, "query", request.Query, CompanyQueries.MaxQueryLength, required: false);
        var terms = query is null ? null : SearchTerms.Parse(query);
        if (terms is { NamePrefixQuery: null })
        {
            errors.Add("query", "Type at least one letter or digit to search.");
        }
        errors.ThrowIfAny();

        var order = request.Sort switch
        {
            DealSort.Amount => "amount",
            DealSort.ExpectedClose => "close",
            _ => "updated",
        } + (request.Descending ? "-desc" : string.Empty);
        var token = PageToken.Decode(request.PageToken, order);

        var deals = Visible(visibility).AsNoTracking();
        if (!request.IncludeArchived)
        {
            deals = deals.Where(d => d.ArchivedAt == null);
        }
        if (pipelineId is { } p)
        {
            deals = deals.Where(d => d.PipelineId == p);
        }
        if (stageId is { } s)
        {
            deals = deals.Where(d => d.StageId == s);
        }
        if (companyId is { } c)
        {
            deals = deals.Where(d => d.CompanyId == c);
        }
        if (owner is not null)
        {
            deals = deals.Where(d => d.OwnerUserId == owner);
        }
        if (terms?.NamePrefixQuery is { } tsQuery)
        {
            deals = deals.Where(d => d.SearchVector.Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
        }
        deals = Ordered(deals, order, token);

        var page = await WithNames(deals.Take(pageSize + 1)).ToListAsync(cancellationToken);
        var response = new ListDealsResponse();
        response.Deals.AddRange(page.Take(pageSize).Select(r => r.Deal.ToMessage(r.CompanyName, r.Stage)));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1].Deal;
            var text = order.StartsWith("amount", StringComparison.Ordinal)
                ? last.Amount.ToString(CultureInfo.InvariantCulture)
                : (last.ExpectedCloseDate ?? NoDate).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            response.NextPageToken = new PageToken(order, text, last.UpdatedAt, last.Id).Encode();
        }
        return response;
    }

    public async Task<DealHistory> HistoryAsync(Guid id, Visibility visibility, CancellationToken cancellationToken)
    {
        if (!await Visible(visibility).AnyAsync(d => d.Id == id, cancellationToken))
        {
            throw new RecordNotFoundException("Deal", id.ToString());
        }
        var changes = await db.DealStageHistory.AsNoTracking()
            .Where(h => h.DealId == id)
            .OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
            .Select(h => new
            {
                Change = h,
                From = db.PipelineStages.Where(s => s.Id == h.FromStageId).Select(s => s.Name).FirstOrDefault(),
                To = db.PipelineStages.Where(s => s.Id == h.ToStageId).Select(s => s.Name).First(),
            })
            .ToListAsync(cancellationToken);
        var history = new DealHistory { DealId = id.ToString() };
        history.Changes.AddRange(changes.Select(c => new Contracts.DealStageChange
        {
            FromStageId = c.Change.FromStageId?.ToString() ?? string.Empty,
            FromStageName = c.From ?? string.Empty,
            ToStageId = c.Change.ToStageId.ToString(),
            ToStageName = c.To,
            ChangedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(c.Change.ChangedAt),
            ChangedBy = c.Change.ChangedBy,
            ChangedByName = c.Change.ChangedByName,
            Amount = DealFormat.Money(c.Change.Amount),
            Currency = c.Change.Currency,
        }));
        return history;
    }

    private IQueryable<DealRow> WithNames(IQueryable<Deal> deals) =>
        from deal in deals
        join company in db.Companies on deal.CompanyId equals company.Id
        join stage in db.PipelineStages on deal.StageId equals stage.Id
        select new DealRow(deal, company.Name, stage);

    private static IQueryable<Deal> Ordered(IQueryable<Deal> deals, string order, PageToken? token)
    {
        switch (order)
        {
            case "amount":
            case "amount-desc":
            {
                var descending = order == "amount-desc";
                if (token is not null)
                {
                    var amount = ParseToken(token, t => decimal.Parse(t, NumberStyles.Number, CultureInfo.InvariantCulture));
                    deals = descending
                        ? deals.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.Amount, d.Id), ValueTuple.Create(amount, token.Id)))
                        : deals.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.Amount, d.Id), ValueTuple.Create(amount, token.Id)));
                }
                return descending ? deals.OrderByDescending(d => d.Amount).ThenByDescending(d => d.Id) : deals.OrderBy(d => d.Amount).ThenBy(d => d.Id);
            }
            case "close":
            case "close-desc":
            {
                var descending = order == "close-desc";
                if (token is not null)
                {
                    var date = ParseToken(token, t => DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                    deals = descending
                        ? deals.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.ExpectedCloseDate ?? NoDate, d.Id), ValueTuple.Create(date, token.Id)))
                        : deals.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.ExpectedCloseDate ?? NoDate, d.Id), ValueTuple.Create(date, token.Id)));
                }
                return descending
                    ? deals.OrderByDescending(d => d.ExpectedCloseDate ?? NoDate).ThenByDescending(d => d.Id)
                    : deals.OrderBy(d => d.ExpectedCloseDate ?? NoDate).ThenBy(d => d.Id);
            }
            default:
            {
                var descending = order == "updated-desc";
                if (token is not null)
                {
                    var updated = token.Time ?? throw InvalidToken();
                    deals = descending
                        ? deals.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.UpdatedAt, d.Id), ValueTuple.Create(updated, token.Id)))
                        : deals.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.UpdatedAt, d.Id), ValueTuple.Create(updated, token.Id)));
                }
                return descending ? deals.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id) : deals.OrderBy(d => d.UpdatedAt).ThenBy(d => d.Id);
            }
        }
    }

    private static T ParseToken<T>(PageToken token, Func<string, T> parse)
    {
        try
        {
            return parse(token.Text ?? throw InvalidToken());
        }
        catch (FormatException)
        {
            throw InvalidToken();
        }
    }

    private static ValidationFailedException InvalidToken() =>
        new("page_token", "Page token is not valid for this list; start again from the first page.");
}
