using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using ItemsClient = CrmSuite.Scheduling.Contracts.Items.ItemsClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// Tasks, meetings and calls as the staff UI uses them (the scheduling service). Each call answers its
/// result, or <c>null</c> with the reason shown in <paramref name="errors"/> (see <see cref="ServiceCall"/>).
/// </summary>
public sealed class SchedulingApi(ItemsClient items)
{
    /// <summary>The service's largest page for a window: a busy team's week is one request.</summary>
    private const int PageSize = 1000;

    /// <summary>The service's largest page for a list without a window.</summary>
    private const int OpenListPageSize = 200;

    /// <summary>A week of a busy team is far below this; beyond it the calendar shows what it got rather than waiting on more pages.</summary>
    public const int MaxItems = 2_000;

    /// <summary>
    /// Every item touching [<paramref name="from"/>, <paramref name="to"/>) that the person sees, earliest
    /// first; only of <paramref name="kind"/> and in <paramref name="status"/> when given.
    /// </summary>
    public Task<IReadOnlyList<Item>?> ListRangeAsync(DateTimeOffset from, DateTimeOffset to, ErrorState errors,
        ItemKind kind = ItemKind.Unspecified, ItemStatus status = ItemStatus.Unspecified, CancellationToken cancellationToken = default) =>
        ServiceCall.RunAsync(ListAllPagesAsync(new ListItemsRequest
        {
            From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to), Kind = kind, Status = status, PageSize = PageSize,
        }, cancellationToken), errors, cancellationToken);

    /// <summary>Every item linked to a client record that the person sees (a card's Tasks tab), earliest first.</summary>
    public Task<IReadOnlyList<Item>?> ListLinkedAsync(ItemLink link, string id, ErrorState errors, CancellationToken cancellationToken = default)
    {
        var request = new ListItemsRequest { PageSize = OpenListPageSize };
        switch (link)
        {
            case ItemLink.Company: request.CompanyId = id; break;
            case ItemLink.Contact: request.ContactId = id; break;
            case ItemLink.Deal: request.DealId = id; break;
            default: request.LeadId = id; break;
        }
        return ServiceCall.RunAsync(ListAllPagesAsync(request, cancellationToken), errors, cancellationToken);
    }

    public Task<Item?> GetItemAsync(string id, ErrorState errors) =>
        ServiceCall.RunAsync(items.GetItemAsync(new GetItemRequest { Id = id }), errors, default);

    public Task<Item?> CreateItemAsync(CreateItemRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(items.CreateItemAsync(request), errors, default);

    public Task<Item?> UpdateItemAsync(UpdateItemRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(items.UpdateItemAsync(request), errors, default);

    /// <summary>Marks the item done with its result and, when the request says so, plans the next activity in the same call.</summary>
    public Task<Item?> CompleteItemAsync(CompleteItemRequest request, ErrorState errors) =>
        ServiceCall.RunAsync(items.CompleteItemAsync(request), errors, default);

    /// <summary>
    /// The item at new local times in its own zone (a task's due time is <paramref name="start"/>; its
    /// <paramref name="end"/> stays empty), everything else as it was read: the service checks the move.
    /// </summary>
    public Task<Item?> MoveItemAsync(Item item, string start, string end, ErrorState errors)
    {
        var request = UpdateOf(item);
        request.Start = start;
        request.End = end;
        return UpdateItemAsync(request, errors);
    }

    /// <summary>An update that leaves every field of <paramref name="item"/> as read (UpdateItem replaces them all).</summary>
    public static UpdateItemRequest UpdateOf(Item item)
    {
        var request = new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, Title = item.Title, Description = item.Description, Start = item.Start, End = item.End,
            TimeZone = item.TimeZone, AllDay = item.AllDay, Priority = item.Priority, AssigneeUserId = item.AssigneeUserId,
            ResultRequired = item.ResultRequired, Place = item.Place, OnlineLink = item.OnlineLink, CompanyId = item.CompanyId,
            ContactId = item.ContactId, DealId = item.DealId, LeadId = item.LeadId, Recurrence = item.Recurrence,
        };
        request.WatcherUserIds.AddRange(item.WatcherUserIds);
        request.Checklist.AddRange(item.Checklist);
        request.ParticipantUserIds.AddRange(item.ParticipantUserIds);
        request.ParticipantContactIds.AddRange(item.ParticipantContactIds);
        request.RecurrenceExceptions.AddRange(item.RecurrenceExceptions);
        // UpdateItem replaces the reminders too: an update that named none would drop them.
        request.ReminderMinutesBefore.AddRange(item.ReminderMinutesBefore);
        return request;
    }

    private async Task<IReadOnlyList<Item>> ListAllPagesAsync(ListItemsRequest request, CancellationToken cancellationToken)
    {
        var found = new List<Item>();
        do
        {
            var page = await items.ListItemsAsync(request, cancellationToken: cancellationToken);
            found.AddRange(page.Items);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0 && found.Count < MaxItems);
        return found;
    }
}

/// <summary>The client records an item can be linked to.</summary>
public enum ItemLink { Company, Contact, Deal, Lead }
