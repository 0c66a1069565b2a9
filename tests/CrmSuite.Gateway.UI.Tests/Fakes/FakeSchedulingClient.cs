using CrmSuite.Scheduling.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>
/// Tasks, meetings and calls as the UI sees them: a small in-memory set the list answers from (by
/// start within the window and by assignee, as the service does), writes that change it, and every
/// request recorded.
/// </summary>
internal sealed class FakeSchedulingClient : Items.ItemsClient
{
    public List<Item> Stored { get; } = [];

    public List<ListItemsRequest> ListRequests { get; } = [];

    public List<CreateItemRequest> CreateRequests { get; } = [];

    public List<UpdateItemRequest> UpdateRequests { get; } = [];

    public List<CompleteItemRequest> CompleteRequests { get; } = [];

    /// <summary>How an update is answered; by default the stored item takes the new times and title.</summary>
    public Func<UpdateItemRequest, AsyncUnaryCall<Item>>? OnUpdate { get; set; }

    /// <summary>How a completion is answered; by default the item is done and the next activity (when asked for) is planned.</summary>
    public Func<CompleteItemRequest, AsyncUnaryCall<Item>>? OnComplete { get; set; }

    public override AsyncUnaryCall<ListItemsResponse> ListItemsAsync(ListItemsRequest request, CallOptions options)
    {
        ListRequests.Add(request);
        var response = new ListItemsResponse();
        response.Items.AddRange(Matching(request));
        return Calls.Ok(response);
    }

    /// <summary>The stored items the list answers (the calendar's fake answers the same ones as cells).</summary>
    public IEnumerable<Item> Matching(ListItemsRequest request)
    {
        var from = request.From?.ToDateTimeOffset() ?? DateTimeOffset.MinValue;
        var to = request.To?.ToDateTimeOffset() ?? DateTimeOffset.MaxValue;
        return Stored
            .Where(i => i.StartsAt.ToDateTimeOffset() < to && (i.EndsAt ?? i.StartsAt).ToDateTimeOffset() >= from)
            .Where(i => request.AssigneeUserId.Length == 0 || i.AssigneeUserId == request.AssigneeUserId)
            .Where(i => (request.CompanyId.Length == 0 || i.CompanyId == request.CompanyId) && (request.DealId.Length == 0 || i.DealId == request.DealId)
                && (request.LeadId.Length == 0 || i.LeadId == request.LeadId) && (request.ContactId.Length == 0 || i.ContactId == request.ContactId))
            .Where(i => (request.Kind == ItemKind.Unspecified || i.Kind == request.Kind) && (request.Status == ItemStatus.Unspecified || i.Status == request.Status))
            .OrderBy(i => i.StartsAt.ToDateTimeOffset())
            .Select(WithOccurrence);
    }

    public override AsyncUnaryCall<Item> GetItemAsync(GetItemRequest request, CallOptions options) =>
        Stored.FirstOrDefault(i => i.Id == request.Id) is { } item ? Calls.Ok(item.Clone()) : Calls.Fail<Item>(Calls.Error(StatusCode.NotFound, "No such item."));

    public override AsyncUnaryCall<Item> CreateItemAsync(CreateItemRequest request, CallOptions options)
    {
        CreateRequests.Add(request);
        var item = new Item
        {
            Id = $"created-{CreateRequests.Count}", Kind = request.Kind, Title = request.Title, Start = request.Start, End = request.End,
            TimeZone = request.TimeZone, AllDay = request.AllDay, Status = ItemStatus.Open, Version = "1",
            StartsAt = Utc(request.Start, request.TimeZone), EndsAt = request.End.Length > 0 ? Utc(request.End, request.TimeZone) : null,
            CompanyId = request.CompanyId, DealId = request.DealId, LeadId = request.LeadId, OwnerUserId = "user-1", AssigneeUserId = request.AssigneeUserId,
        };
        Stored.Add(item);
        return Calls.Ok(item.Clone());
    }

    public override AsyncUnaryCall<Item> UpdateItemAsync(UpdateItemRequest request, CallOptions options)
    {
        UpdateRequests.Add(request);
        if (OnUpdate is not null)
        {
            return OnUpdate(request);
        }
        var item = Stored.Single(i => i.Id == request.Id);
        item.Title = request.Title;
        item.Start = request.Start;
        item.End = request.End;
        item.StartsAt = Utc(request.Start, request.TimeZone);
        item.EndsAt = request.End.Length > 0 ? Utc(request.End, request.TimeZone) : null;
        item.Version = (int.Parse(item.Version, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Calls.Ok(item.Clone());
    }

    public override AsyncUnaryCall<Item> CompleteItemAsync(CompleteItemRequest request, CallOptions options)
    {
        CompleteRequests.Add(request);
        if (OnComplete is not null)
        {
            return OnComplete(request);
        }
        var item = Stored.Single(i => i.Id == request.Id);
        if (item.ResultRequired && request.Result.Trim().Length == 0)
        {
            return Calls.Fail<Item>(Calls.Invalid(("result", "Required: write down what came of it.")));
        }
        item.Status = ItemStatus.Done;
        item.Result = request.Result;
        if (request.PlanNext)
        {
            var next = DueTask($"next-{CompleteRequests.Count}", request.NextTitle, request.NextStart, item.TimeZone, item.AssigneeUserId);
            next.ActivityTypeId = request.NextActivityTypeId;
            Stored.Add(next);
            item.NextItemId = next.Id;
        }
        return Calls.Ok(item.Clone());
    }

    /// <summary>An item in the service's own terms: local times in <paramref name="zone"/> and the UTC instants they are.</summary>
    public static Item Event(string id, ItemKind kind, string title, string start, string end, string zone = "UTC") => new()
    {
        Id = id, Kind = kind, Title = title, Start = start, End = end, TimeZone = zone, Status = ItemStatus.Open, Version = "1",
        StartsAt = Utc(start, zone), EndsAt = Utc(end, zone), OwnerUserId = "user-1", OwnerName = "Anna Petrova",
    };

    public static Item DueTask(string id, string title, string due, string zone = "UTC", string assignee = "user-1") => new()
    {
        Id = id, Kind = ItemKind.Task, Title = title, Start = due, TimeZone = zone, Status = ItemStatus.Open, Version = "1",
        StartsAt = Utc(due, zone), OwnerUserId = "user-1", OwnerName = "Anna Petrova", AssigneeUserId = assignee,
    };

    private static Item WithOccurrence(Item stored)
    {
        var item = stored.Clone();
        // A series is listed with the occurrences a test gave it.
        if (item.Occurrences.Count > 0)
        {
            return item;
        }
        item.Occurrences.Clear();
        item.Occurrences.Add(new Occurrence { Start = item.Start, End = item.End, StartsAt = item.StartsAt, EndsAt = item.EndsAt ?? item.StartsAt });
        return item;
    }

    private static Google.Protobuf.WellKnownTypes.Timestamp Utc(string local, string zone)
    {
        var value = DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
        var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById(zone));
        return Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(utc);
    }
}
