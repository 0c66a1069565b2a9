using System.Linq.Expressions;
using System.Security.Claims;
using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>
/// The list of items ListItems and the calendar's compact read (Calendar/) answer: one validation
/// of the request (the same fields, the same 400s), one query (the caller's visibility, the window,
/// the filters, keyset pages by start) and one expansion of a series into its occurrences in the
/// window. The calendar reads only the columns a calendar cell needs (<see cref="CalendarColumns"/>).
/// </summary>
public sealed class ItemList
{
    /// <summary>Without a window, a recurring item's occurrences are listed for this long from now.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(31);

    /// <summary>
    /// A calendar window (from and to) may be read in pages of up to this many items, so a busy
    /// team's week is one request instead of five; a list without a window keeps the usual limit.
    /// </summary>
    public const int WindowPageMax = 1000;

    private readonly IQueryable<ScheduledItem> _query;
    private readonly int _pageSize;
    private readonly string _order;
    private readonly DateTimeOffset? _from;
    private readonly DateTimeOffset? _to;

    private ItemList(IQueryable<ScheduledItem> query, int pageSize, string order, DateTimeOffset? from, DateTimeOffset? to)
    {
        _query = query;
        _pageSize = pageSize;
        _order = order;
        _from = from;
        _to = to;
    }

    /// <summary>An item of the page with its occurrences in the window (one for a single item).</summary>
    public sealed record Entry(ScheduledItem Item, IReadOnlyList<Recurrence.Occurrence> Occurrences);

    public sealed record Page(IReadOnlyList<Entry> Entries, string NextPageToken);

    /// <summary>
    /// The request checked (400 naming each refused field) and turned into the caller's query.
    /// <paramref name="windowRequired"/>: from and to must both be given (the calendar).
    /// </summary>
    public static ItemList Read(SchedulingDbContext db, ClaimsPrincipal user, ListItemsRequest request, DateTimeOffset now, bool windowRequired = false)
    {
        var pageSize = PageSize.Validate(request.PageSize, request.From is not null && request.To is not null ? WindowPageMax : PageSize.Max);
        var errors = new FieldErrors();
        var from = InputRules.Instant(errors, "from", request.From);
        var to = InputRules.Instant(errors, "to", request.To);
        if (windowRequired && request.From is null)
        {
            errors.Add("from", "Give the window's start (from).");
        }
        if (windowRequired && request.To is null)
        {
            errors.Add("to", "Give the window's end (to).");
        }
        // A bound that was given but refused above is not reported again as missing.
        if (!windowRequired && from is null != to is null && request.From is null != request.To is null)
        {
            errors.Add(from is null ? "from" : "to", "Give both from and to, or neither.");
        }
        else if (from is { } f && to is { } t)
        {
            if (t <= f)
            {
                errors.Add("to", "The window must end after it starts (to after from).");
            }
            else if (t - f > Series.MaxWindow)
            {
                errors.Add("to", $"The window is at most {Series.MaxWindow.Days} days.");
            }
        }
        var kind = request.Kind == Contracts.ItemKind.Unspecified ? null : ItemMapping.FromMessage(request.Kind);
        if (request.Kind != Contracts.ItemKind.Unspecified && kind is null)
        {
            errors.Add("kind", "Choose task, meeting or call.");
        }
        var status = request.Status == Contracts.ItemStatus.Unspecified ? null : ItemMapping.FromMessage(request.Status);
        if (request.Status != Contracts.ItemStatus.Unspecified && status is null)
        {
            errors.Add("status", "Choose open, in progress, done or cancelled.");
        }
        var assignee = InputRules.UserId(errors, "assignee_user_id", request.AssigneeUserId);
        var person = InputRules.UserId(errors, "person_user_id", request.PersonUserId);
        var companyId = InputRules.Id(errors, "company_id", request.CompanyId);
        var contactId = InputRules.Id(errors, "contact_id", request.ContactId);
        var dealId = InputRules.Id(errors, "deal_id", request.DealId);
        var leadId = InputRules.Id(errors, "lead_id", request.LeadId);
        if (!Enum.IsDefined(request.OrderBy))
        {
            errors.Add("order_by", "Order by start, ascending or descending.");
        }
        errors.ThrowIfAny();
        var descending = request.OrderBy == ItemOrder.StartDesc;
        var orderName = descending ? "start-desc" : "start-asc";
        var token = PageToken.Decode(request.PageToken, orderName);

        var query = db.Items.Where(ItemVisibility.Of(user).Filter()).AsNoTracking();
        if (from is { } windowFrom && to is { } windowTo)
        {
            query = query.Overlapping(windowFrom, windowTo);
        }
        if (kind is { } k)
        {
            query = query.Where(i => i.Kind == k);
        }
        if (status is { } s)
        {
            query = query.Where(i => i.Status == s);
        }
        if (assignee is not null)
        {
            query = query.Where(i => i.AssigneeUserId == assignee);
        }
        if (person is not null)
        {
            query = query.Where(new ItemVisibility(ClientVisibility.Own, person, []).Filter());
        }
        if (companyId is not null)
        {
            query = query.Where(i => i.CompanyId == companyId);
        }
        if (contactId is not null)
        {
            query = query.Where(i => i.ContactId == contactId || i.ParticipantContactIds.Contains(contactId.Value));
        }
        if (dealId is not null)
        {
            query = query.Where(i => i.DealId == dealId);
        }
        if (leadId is not null)
        {
            query = query.Where(i => i.LeadId == leadId);
        }
        if (request.OverdueOnly)
        {
            query = query.Where(Overdue.OverdueRule.Filter(now));
        }
        if (token is not null)
        {
            var after = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            query = descending
                ? query.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.StartsAt, i.Id), ValueTuple.Create(after, token.Id)))
                : query.Where(i => EF.Functions.GreaterThan(ValueTuple.Create(i.StartsAt, i.Id), ValueTuple.Create(after, token.Id)));
        }
        query = descending ? query.OrderByDescending(i => i.StartsAt).ThenByDescending(i => i.Id) : query.OrderBy(i => i.StartsAt).ThenBy(i => i.Id);
        return new ItemList(query, pageSize, orderName, from, to);
    }

    /// <summary>One page of whole items (ListItems).</summary>
    public Task<Page> PageAsync(DateTimeOffset now, CancellationToken cancellationToken) => PageAsync(_query, now, cancellationToken);

    /// <summary>One page of items with only the columns a calendar cell draws (the calendar's compact read).</summary>
    public Task<Page> CalendarPageAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        PageAsync(_query.Select(CalendarColumns), now, cancellationToken);

    /// <summary>
    /// What the calendar reads of an item: its times, kind, title, status, people and series (for
    /// the occurrences), not its description, checklist, links, result or reminders.
    /// </summary>
    private static readonly Expression<Func<ScheduledItem, ScheduledItem>> CalendarColumns = i => new ScheduledItem
    {
        Id = i.Id,
        Kind = i.Kind,
        Title = i.Title,
        StartLocal = i.StartLocal,
        EndLocal = i.EndLocal,
        TimeZone = i.TimeZone,
        AllDay = i.AllDay,
        StartsAt = i.StartsAt,
        EndsAt = i.EndsAt,
        Status = i.Status,
        OwnerUserId = i.OwnerUserId,
        AssigneeUserId = i.AssigneeUserId,
        WatcherUserIds = i.WatcherUserIds,
        ParticipantUserIds = i.ParticipantUserIds,
        Recurrence = i.Recurrence,
        RecurrenceExceptions = i.RecurrenceExceptions,
        OccurrenceOverrides = i.OccurrenceOverrides,
        ActivityTypeId = i.ActivityTypeId,
        Version = i.Version,
    };

    private async Task<Page> PageAsync(IQueryable<ScheduledItem> query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var page = await query.Take(_pageSize + 1).ToListAsync(cancellationToken);
        var (expandFrom, expandTo) = _from is { } ef && _to is { } et ? (ef, et) : (now, now + DefaultWindow);
        var entries = new List<Entry>(Math.Min(page.Count, _pageSize));
        foreach (var item in page.Take(_pageSize))
        {
            var occurrences = !item.Expands() && _from is null
                ? Series.Expand(item.StartLocal, item.EndLocal, item.TimeZone, null, [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue)
                : SeriesView.Between(item, expandFrom, expandTo);
            // A series whose rule or exceptions leave nothing inside the window does not touch it.
            if (_from is not null && occurrences.Count == 0)
            {
                continue;
            }
            entries.Add(new Entry(item, occurrences));
        }
        var next = string.Empty;
        if (page.Count > _pageSize)
        {
            var last = page[_pageSize - 1];
            next = new PageToken(_order, null, last.StartsAt, last.Id).Encode();
        }
        return new Page(entries, next);
    }
}
