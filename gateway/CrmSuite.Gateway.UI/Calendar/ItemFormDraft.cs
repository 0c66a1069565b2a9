using CrmSuite.Gateway.UI.Api;
using CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Gateway.UI.Calendar;

/// <summary>The form's fields of a task, meeting or call, as local times in the item's own zone.</summary>
public sealed class ItemFormDraft
{
    /// <summary>The fields the form shows next to their inputs (the service's names).</summary>
    public static readonly IReadOnlyCollection<string> Fields =
        ["kind", "activity_type_id", "title", "description", "start", "end", "time_zone", "place", "online_link", "company_id", "deal_id", "recurrence",
            "reminder_minutes_before"];

    public ItemKind Kind { get; set; } = ItemKind.Meeting;
    /// <summary>A new item's activity type; empty: none (the kind alone).</summary>
    public string ActivityTypeId { get; set; } = "";
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
    public IEnumerable<int> Reminders { get; set; } = [];

    /// <summary>What the person set themselves: a type chosen later does not overwrite it.</summary>
    public bool EndChanged { get; set; }
    public bool RemindersChanged { get; set; }
    public bool ResultRequiredChanged { get; set; }
    public bool TitleChanged { get; set; }

    public bool IsTask => Kind == ItemKind.Task;

    public static ItemFormDraft From(Item item) => new()
    {
        Kind = item.Kind, ActivityTypeId = item.ActivityTypeId, Title = item.Title, Description = item.Description, Start = LocalTimes.Parse(item.Start),
        End = item.End.Length > 0 ? LocalTimes.Parse(item.End) : null, AllDay = item.AllDay, TimeZone = item.TimeZone, Place = item.Place,
        OnlineLink = item.OnlineLink, CompanyId = item.CompanyId, DealId = item.DealId, ResultRequired = item.ResultRequired,
        Reminders = [.. item.ReminderMinutesBefore],
    };

    /// <summary>
    /// The draft of one occurrence of a series (by its original start): its own times, title and place
    /// when it was changed on its own, else the rule's time with the series' length.
    /// </summary>
    public static ItemFormDraft From(Item item, string? occurrenceStart)
    {
        var draft = From(item);
        if (string.IsNullOrEmpty(occurrenceStart) || item.Recurrence.Length == 0)
        {
            return draft;
        }
        var length = draft.End - draft.Start;
        draft.Start = LocalTimes.Parse(occurrenceStart);
        draft.End = draft.Start + length;
        if (item.OccurrenceOverrides.FirstOrDefault(o => o.OriginalStart == occurrenceStart) is { } changed)
        {
            draft.Start = LocalTimes.Parse(changed.Start);
            draft.End = changed.End.Length > 0 ? LocalTimes.Parse(changed.End) : draft.End;
            draft.Title = changed.Title.Length > 0 ? changed.Title : draft.Title;
            draft.Place = changed.Place.Length > 0 ? changed.Place : draft.Place;
        }
        return draft;
    }

    /// <summary>
    /// The type's kind and its defaults (a meeting's or call's length, reminders, "result required",
    /// its name as the title) for what the person has not set themselves; null clears the type.
    /// </summary>
    public void Choose(ActivityType? type, string typeName)
    {
        ActivityTypeId = type?.Id ?? "";
        if (type is null)
        {
            return;
        }
        Kind = type.Kind;
        if (!EndChanged && !IsTask && !AllDay && Start is { } start && type.DefaultDurationMinutes > 0)
        {
            End = start.AddMinutes(type.DefaultDurationMinutes);
        }
        if (!RemindersChanged)
        {
            Reminders = [.. type.DefaultReminderMinutesBefore];
        }
        if (!ResultRequiredChanged)
        {
            ResultRequired = type.ResultRequired;
        }
        if (!TitleChanged)
        {
            Title = typeName;
        }
    }

    public CreateItemRequest ToCreateRequest()
    {
        var request = new CreateItemRequest
        {
            Kind = Kind, ActivityTypeId = ActivityTypeId, Title = Title.Trim(), Description = Description.Trim(), Start = StartText, End = EndText,
            TimeZone = TimeZone, AllDay = AllDay, Place = Place.Trim(), OnlineLink = OnlineLink.Trim(), CompanyId = CompanyId, DealId = DealId,
            ResultRequired = ResultRequired, Recurrence = Recurrence,
        };
        request.ReminderMinutesBefore.AddRange(Reminders.Order());
        return request;
    }

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
        request.ReminderMinutesBefore.Clear();
        request.ReminderMinutesBefore.AddRange(Reminders.Order());
        return request;
    }

    private string StartText => Start is { } start ? LocalTimes.Format(start, AllDay) : "";

    /// <summary>A task has a due time only; an all-day event's end is its last day.</summary>
    private string EndText => IsTask || End is not { } end ? "" : LocalTimes.Format(AllDay ? end.Date : end, AllDay);
}
