using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Items;

public sealed partial class ItemsService
{
    /// <summary>Without a window, a recurring item's occurrences are listed for this long from now.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(31);

    /// <summary>
    /// A calendar window (from and to) may be read in pages of up to this many items, so a busy
    /// team's week is one request instead of five; a list without a window keeps the usual limit.
    /// </summary>
    public const int WindowPageMax = 1000;

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListItemsResponse> ListItems(ListItemsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize, request.From is not null && request.To is not null ? WindowPageMax : PageSize.Max);
        var errors = new FieldErrors();
        var from = InputRules.Instant(errors, "from", request.From);
        var to = InputRules.Instant(errors, "to", request.To);
        // A bound that was given but refused above is not reported again as missing.
        if (from is null != to is null && request.From is null != request.To is null)
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

        var query = Visible(context).AsNoTracking();
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
            query = query.Where(Overdue.OverdueRule.Filter(clock.GetUtcNow()));
        }
        if (token is not null)
        {
            var after = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            query = descending
                ? query.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.StartsAt, i.Id), ValueTuple.Create(after, token.Id)))
                : query.Where(i => EF.Functions.GreaterThan(ValueTuple.Create(i.StartsAt, i.Id), ValueTuple.Create(after, token.Id)));
        }
        query = descending ? query.OrderByDescending(i => i.StartsAt).ThenByDescending(i => i.Id) : query.OrderBy(i => i.StartsAt).ThenBy(i => i.Id);
        var page = await query.Take(pageSize + 1).ToListAsync(context.CancellationToken);

        var now = clock.GetUtcNow();
        var (expandFrom, expandTo) = from is { } ef && to is { } et ? (ef, et) : (now, now + DefaultWindow);
        var response = new ListItemsResponse();
        foreach (var item in page.Take(pageSize))
        {
            var occurrences = !item.Expands() && from is null
                ? Series.Expand(item.StartLocal, item.EndLocal, item.TimeZone, null, [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue)
                : SeriesView.Between(item, expandFrom, expandTo);
            // A series whose rule or exceptions leave nothing inside the window does not touch it.
            if (from is not null && occurrences.Count == 0)
            {
                continue;
            }
            response.Items.Add(Overdue.OverdueRule.WithOverdue(item.ToMessage(occurrences), item, now));
        }
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(orderName, null, last.StartsAt, last.Id).Encode();
        }
        return response;
    }
}
