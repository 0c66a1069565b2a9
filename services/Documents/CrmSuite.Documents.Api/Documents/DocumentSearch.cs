using System.Globalization;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.Documents.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Documents;

/// <summary>
/// What ListDocuments asks for: the filters (company, deal, type, state, period), the search words
/// and the sort, checked (a bad value is a 400 naming its field) and applied as one keyset walk, so a
/// page is read from an index however many documents there are and no row shows on two pages.
/// </summary>
internal sealed record DocumentSearch(
    Guid? CompanyId, Guid? DealId, string Type, DocumentState? State, DateOnly? From, DateOnly? To,
    IReadOnlyList<string> Words, string Sort, bool Descending, int Size, PageToken? After)
{
    /// <summary>The stored search_key: number and buyer's name, lower case by ICU (Cyrillic too), ё as е.</summary>
    public const string KeySql = "replace(lower((coalesce(number, '') || ' ' || company_name) COLLATE \"und-x-icu\"), 'ё', 'е')";

    private const string Created = "created";
    private const string ByDate = "date";
    private const string ByNumber = "number";
    private const string ByTotal = "total";
    private static readonly string[] Sorts = [ByDate, ByNumber, ByTotal];

    /// <summary>The order a page token belongs to (a token of another order is refused).</summary>
    public string Order => $"{Sort}-{(Descending ? "desc" : "asc")}";

    /// <summary>A word as search_key holds it.</summary>
    public static string Normalize(string text) => text.ToLowerInvariant().Replace('ё', 'е');

    public static DocumentSearch Parse(ListDocumentsRequest request)
    {
        var errors = new FieldErrors();
        var company = RequestIds.Id(errors, "company_id", request.CompanyId);
        var deal = RequestIds.Id(errors, "deal_id", request.DealId);
        var type = request.Type.Length == 0 ? string.Empty : DocumentTypes.Parse(errors, "type", request.Type);
        var state = request.State.Length == 0 ? null : DocumentTypes.ParseState(request.State);
        if (request.State.Length > 0 && state is null)
        {
            errors.Add("state", "Must be one of draft, issued, sent, paid, signed, annulled.");
        }
        var from = DocumentDrafts.Day(errors, "date_from", request.DateFrom);
        var to = DocumentDrafts.Day(errors, "date_to", request.DateTo);
        if (from > to)
        {
            errors.Add("date_to", "Must not be before date_from.");
        }
        var sort = request.Sort.Trim().ToLowerInvariant();
        if (sort.Length > 0 && !Sorts.Contains(sort))
        {
            errors.Add("sort", "Must be one of date, number, total (or empty: the newest first).");
        }
        if (request.Query.Length > 200)
        {
            errors.Add("query", "At most 200 characters.");
        }
        var size = PageSize.Validate(request.PageSize);
        errors.ThrowIfAny();
        var words = Normalize(request.Query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var search = sort.Length == 0
            ? new DocumentSearch(company, deal, type, state, from, to, words, Created, true, size, null)
            : new DocumentSearch(company, deal, type, state, from, to, words, sort, request.Descending, size, null);
        return search with { After = PageToken.Decode(request.PageToken, search.Order) };
    }

    /// <summary>The rows of the page and one more (to know whether another page follows).</summary>
    public IQueryable<Document> Apply(IQueryable<Document> query)
    {
        if (CompanyId is { } company)
        {
            query = query.Where(d => d.CompanyId == company);
        }
        if (DealId is { } deal)
        {
            query = query.Where(d => d.DealId == deal);
        }
        if (Type.Length > 0)
        {
            query = query.Where(d => d.Type == Type);
        }
        if (State is { } state)
        {
            query = query.Where(d => d.State == state);
        }
        if (From is { } from)
        {
            query = query.Where(d => d.Date >= from);
        }
        if (To is { } to)
        {
            query = query.Where(d => d.Date <= to);
        }
        foreach (var word in Words)
        {
            query = query.Where(d => d.SearchKey.Contains(word));
        }
        return Sorted(After is null ? query : Following(query, After)).Take(Size + 1);
    }

    /// <summary>The token of the page after the one ending with <paramref name="last"/>.</summary>
    public PageToken Next(Document last) => Sort switch
    {
        ByDate => new PageToken(Order, last.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, last.Id),
        ByNumber => new PageToken(Order, last.Number ?? string.Empty, null, last.Id),
        ByTotal => new PageToken(Order, last.Total.ToString(CultureInfo.InvariantCulture), null, last.Id),
        _ => new PageToken(Order, null, last.CreatedAt, last.Id),
    };

    private IQueryable<Document> Sorted(IQueryable<Document> query) => (Sort, Descending) switch
    {
        (ByDate, false) => query.OrderBy(d => d.Date).ThenBy(d => d.Id),
        (ByDate, true) => query.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id),
        (ByNumber, false) => query.OrderBy(d => d.Number ?? "").ThenBy(d => d.Id),
        (ByNumber, true) => query.OrderByDescending(d => d.Number ?? "").ThenByDescending(d => d.Id),
        (ByTotal, false) => query.OrderBy(d => d.Total).ThenBy(d => d.Id),
        (ByTotal, true) => query.OrderByDescending(d => d.Total).ThenByDescending(d => d.Id),
        _ => query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id),
    };

    private IQueryable<Document> Following(IQueryable<Document> query, PageToken token)
    {
        var id = token.Id;
        switch (Sort)
        {
            case ByDate:
                var date = Key(token, t => DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                return Descending
                    ? query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.Date, d.Id), ValueTuple.Create(date, id)))
                    : query.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.Date, d.Id), ValueTuple.Create(date, id)));
            case ByNumber:
                var number = Key(token, t => t);
                return Descending
                    ? query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.Number ?? "", d.Id), ValueTuple.Create(number, id)))
                    : query.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.Number ?? "", d.Id), ValueTuple.Create(number, id)));
            case ByTotal:
                var total = Key(token, t => decimal.Parse(t, NumberStyles.Number, CultureInfo.InvariantCulture));
                return Descending
                    ? query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.Total, d.Id), ValueTuple.Create(total, id)))
                    : query.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.Total, d.Id), ValueTuple.Create(total, id)));
            default:
                var created = token.Time ?? throw BadToken();
                return query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.CreatedAt, d.Id), ValueTuple.Create(created, id)));
        }
    }

    private static T Key<T>(PageToken token, Func<string, T> parse)
    {
        try
        {
            return parse(token.Text ?? throw BadToken());
        }
        catch (FormatException)
        {
            throw BadToken();
        }
    }

    private static ValidationFailedException BadToken() =>
        new("page_token", "Page token is not valid for this list; start again from the first page.");
}
