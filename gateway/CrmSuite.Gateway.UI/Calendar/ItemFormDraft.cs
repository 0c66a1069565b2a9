using CrmSuite.Gateway.UI.Api;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Calendar;

/// <summary>The form's fields of a task, meeting or call, as local times in the item's own zone.</summary>
public sealed class ItemFormDraft
{
    /// <summary>The fields the form shows next to their inputs (the service's names).</summary>
    public static readonly IReadOnlyCollection<string> Fields =
        ["kind", "title", "description", "start", "end", "time_zone", "place", "online_link", "company_id", "deal_id", "recurrence"];

    public ItemKind Kind { get; set; } = ItemKind.Meeting;
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime? Start { get; set; }
    public DateTime? End { get; set; }
    public bool AllDay { get; set; }
    public string TimeZone { get; set; } = "";
    public string Place { get; set; } = "";
    public string OnlineLink { get; set; } = "";
    public string CompanyId { get; set; } = "";
    public string DealId { get; set; } = "";
    public bool ResultRequired { get; set; }
    /// <summary>A new item's RRULE (RepeatPicker); empty: it does not repeat.</summary>
    public string Recurrence { get; set; } = "";

    public bool IsTask => Kind == ItemKind.Task;

    public static ItemFormDraft From(Item item) => new()
    {
        Kind = item.Kind, Title = item.Title, Description = item.Description, Start = LocalTimes.Parse(item.Start),
        End = item.End.Length > 0 ? LocalTimes.Parse(item.End) : null, AllDay = item.AllDay, TimeZone = item.TimeZone, Place = item.Place,
        OnlineLink = item.OnlineLink, CompanyId = item.CompanyId, DealId = item.DealId, ResultRequired = item.ResultRequired,
    };

    public CreateItemRequest ToCreateRequest() => new()
    {
        Kind = Kind, Title = Title.Trim(), Description = Description.Trim(), Start = StartText, End = EndText, TimeZone = TimeZone, AllDay = AllDay,
        Place = Place.Trim(), OnlineLink = OnlineLink.Trim(), CompanyId = CompanyId, DealId = DealId, ResultRequired = ResultRequired,
        Recurrence = Recurrence,
    };

    /// <summary>The item with the form's fields; what the form does not show (watchers, checklist, recurrence...) stays as read.</summary>
    public UpdateItemRequest ToUpdateRequest(Item item)
    {
        var request = SchedulingApi.UpdateOf(item);
        request.Title = Title.Trim();
        request.Description = Description.Trim();
        request.Start = StartText;
        request.End = EndText;
        request.TimeZone = TimeZone;
        request.AllDay = AllDay;
        request.Place = Place.Trim();
        request.OnlineLink = OnlineLink.Trim();
        request.CompanyId = CompanyId;
        request.DealId = DealId;
        request.ResultRequired = ResultRequired;
        return request;
    }

    private string StartText => Start is { } start ? LocalTimes.Format(start, AllDay) : "";

    /// <summary>A task has a due time only; an all-day event's end is its last day.</summary>
    private string EndText => IsTask || End is not { } end ? "" : LocalTimes.Format(AllDay ? end.Date : end, AllDay);
}
