using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Api.Reminders;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Contracts = CrmSuite.Scheduling.Contracts;

namespace CrmSuite.Scheduling.Api.Items;

/// <summary>
/// The checked fields of a create or an update (the same rules for both): every bad field is
/// collected, so the caller sees them all in one answer, and nothing is stored until all pass.
/// </summary>
internal sealed record ItemDraft(
    string Title, string? Description, DateTime StartLocal, DateTime? EndLocal, string TimeZone, bool AllDay,
    ItemPriority Priority, string? AssigneeUserId, string[] WatcherUserIds, List<ChecklistItem> Checklist, bool ResultRequired,
    string? Place, string? OnlineLink, string[] ParticipantUserIds, Guid[] ParticipantContactIds,
    Guid? CompanyId, Guid? ContactId, Guid? DealId, Guid? LeadId, string? Recurrence, DateTime[] RecurrenceExceptions, int[] ReminderMinutesBefore,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? SeriesEndsAt)
{
    public const int MaxPeople = 100;
    public const int MaxContacts = 50;
    public const int MaxChecklist = 100;
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(31);

    /// <summary>The checked draft, or null with the errors in <paramref name="errors"/>.</summary>
    public static ItemDraft? Read(IItemInput input, ItemKind kind, FieldErrors errors)
    {
        var title = InputRules.Text(errors, "title", input.Title, 300, required: true, "title");
        var description = InputRules.Text(errors, "description", input.Description, 10_000, required: false, "description", multiline: true);
        var zone = InputRules.Zone(errors, "time_zone", input.TimeZone);
        var start = InputRules.Local(errors, "start", input.Start, input.AllDay, required: true, kind == ItemKind.Task ? "due time" : "start");
        var end = End(input, kind, start, errors);
        var priority = input.Priority switch
        {
            Contracts.Priority.Unspecified or Contracts.Priority.Normal => ItemPriority.Normal,
            Contracts.Priority.Low => ItemPriority.Low,
            Contracts.Priority.High => ItemPriority.High,
            _ => Refused(errors, "priority", "Choose low, normal or high.", ItemPriority.Normal),
        };
        var assignee = InputRules.UserId(errors, "assignee_user_id", input.AssigneeUserId);
        var watchers = InputRules.UserIds(errors, "watcher_user_ids", input.WatcherUserIds, MaxPeople);
        var participants = InputRules.UserIds(errors, "participant_user_ids", input.ParticipantUserIds, MaxPeople);
        var contacts = Contacts(input, errors);
        var checklist = ReadChecklist(input, errors);
        var place = InputRules.Text(errors, "place", input.Place, 300, required: false, "place");
        var link = InputRules.Link(errors, "online_link", input.OnlineLink);
        var companyId = InputRules.Id(errors, "company_id", input.CompanyId);
        var contactId = InputRules.Id(errors, "contact_id", input.ContactId);
        var dealId = InputRules.Id(errors, "deal_id", input.DealId);
        var leadId = InputRules.Id(errors, "lead_id", input.LeadId);

        string? rule = null;
        Ical.Net.DataTypes.RecurrencePattern? pattern = null;
        if (input.Recurrence.Trim().Length > 0)
        {
            if (input.Recurrence.Length > 500)
            {
                errors.Add(Series.Field, "The rule must be at most 500 characters.");
            }
            else if (Series.Parse(errors, input.Recurrence, start, zone) is { } parsed)
            {
                pattern = parsed;
                rule = input.Recurrence.Trim();
            }
        }
        var exceptions = new List<DateTime>();
        if (input.RecurrenceExceptions.Count > 0 && input.Recurrence.Trim().Length == 0)
        {
            errors.Add("recurrence_exceptions", "Only a recurring item has occurrences to leave out.");
        }
        else if (input.RecurrenceExceptions.Count > Series.MaxOccurrences)
        {
            errors.Add("recurrence_exceptions", $"At most {Series.MaxOccurrences} exceptions.");
        }
        else
        {
            for (var i = 0; i < input.RecurrenceExceptions.Count; i++)
            {
                if (InputRules.Local(errors, $"recurrence_exceptions[{i}]", input.RecurrenceExceptions[i], input.AllDay, required: true, "occurrence start") is { } e)
                {
                    exceptions.Add(e);
                }
            }
        }
        var reminders = ReminderPlan.Offsets(errors, "reminder_minutes_before", input.ReminderMinutesBefore);
        if (errors.Any)
        {
            return null;
        }
        var startsAt = Series.ToUtc(start!.Value, zone!);
        DateTimeOffset? endsAt = end is { } e2 ? Series.ToUtc(e2, zone!) : null;
        // A recurring task is one instance at a time (Recurrence/RecurringTasks.cs): it ends with its due time.
        var seriesEndsAt = Series.SeriesEnd(start.Value, end, zone!, kind == ItemKind.Task ? null : pattern, exceptions);
        return new ItemDraft(title!, description, start.Value, end, zone!, input.AllDay, priority, assignee, watchers, checklist, input.ResultRequired,
            place, link, participants, contacts, companyId, contactId, dealId, leadId, rule, [.. exceptions], reminders, startsAt, endsAt, seriesEndsAt);
    }

    /// <summary>The client links that differ from the item's (all of them for a new item): only those are checked again.</summary>
    public IReadOnlyList<ClientLinks.Link> LinksChangedFrom(ScheduledItem? item)
    {
        var links = new List<ClientLinks.Link>();
        void Add(string field, ClientLinks.Kind kind, Guid? id, Guid? was)
        {
            if (id is { } value && value != was)
            {
                links.Add(new ClientLinks.Link(field, kind, value));
            }
        }
        Add("company_id", ClientLinks.Kind.Company, CompanyId, item?.CompanyId);
        Add("contact_id", ClientLinks.Kind.Contact, ContactId, item?.ContactId);
        Add("deal_id", ClientLinks.Kind.Deal, DealId, item?.DealId);
        Add("lead_id", ClientLinks.Kind.Lead, LeadId, item?.LeadId);
        for (var i = 0; i < ParticipantContactIds.Length; i++)
        {
            if (item is null || !item.ParticipantContactIds.Contains(ParticipantContactIds[i]))
            {
                links.Add(new ClientLinks.Link($"participant_contact_ids[{i}]", ClientLinks.Kind.Contact, ParticipantContactIds[i]));
            }
        }
        return links;
    }

    /// <summary>Whether the draft changes more of the item than its checklist (all an assignee may edit besides the status).</summary>
    public bool ChangesMoreThanChecklistOf(ScheduledItem item) =>
        Title != item.Title || Description != item.Description || StartLocal != item.StartLocal || EndLocal != item.EndLocal
        || TimeZone != item.TimeZone || AllDay != item.AllDay || Priority != item.Priority || AssigneeUserId != item.AssigneeUserId
        || !WatcherUserIds.SequenceEqual(item.WatcherUserIds) || ResultRequired != item.ResultRequired || Place != item.Place
        || OnlineLink != item.OnlineLink || !ParticipantUserIds.SequenceEqual(item.ParticipantUserIds)
        || !ParticipantContactIds.SequenceEqual(item.ParticipantContactIds) || CompanyId != item.CompanyId || ContactId != item.ContactId
        || DealId != item.DealId || LeadId != item.LeadId || Recurrence != item.Recurrence
        || !RecurrenceExceptions.SequenceEqual(item.RecurrenceExceptions) || !ReminderMinutesBefore.SequenceEqual(item.ReminderMinutesBefore);

    public void ApplyTo(ScheduledItem item)
    {
        item.Title = Title;
        item.Description = Description;
        item.StartLocal = StartLocal;
        item.EndLocal = EndLocal;
        item.TimeZone = TimeZone;
        item.AllDay = AllDay;
        item.StartsAt = StartsAt;
        item.EndsAt = EndsAt;
        item.SeriesEndsAt = SeriesEndsAt;
        item.Priority = Priority;
        item.AssigneeUserId = AssigneeUserId;
        item.WatcherUserIds = WatcherUserIds;
        item.Checklist = Checklist;
        item.ResultRequired = ResultRequired;
        item.Place = Place;
        item.OnlineLink = OnlineLink;
        item.ParticipantUserIds = ParticipantUserIds;
        item.ParticipantContactIds = ParticipantContactIds;
        item.CompanyId = CompanyId;
        item.ContactId = ContactId;
        item.DealId = DealId;
        item.LeadId = LeadId;
        item.Recurrence = Recurrence;
        item.RecurrenceExceptions = RecurrenceExceptions;
        item.ReminderMinutesBefore = ReminderMinutesBefore;
    }

    /// <summary>
    /// A task has a due time only. An event ends after it starts; an all-day event's end is its
    /// last day (inclusive, the start day when not given) and is stored as the next midnight.
    /// </summary>
    private static DateTime? End(IItemInput input, ItemKind kind, DateTime? start, FieldErrors errors)
    {
        if (kind == ItemKind.Task)
        {
            if (input.End.Trim().Length > 0)
            {
                errors.Add("end", "A task has a due time (start) only; leave end empty.");
            }
            return null;
        }
        var end = InputRules.Local(errors, "end", input.End, input.AllDay, required: !input.AllDay, "end");
        if (start is not { } s)
        {
            return null;
        }
        if (input.AllDay)
        {
            end = (end ?? s).AddDays(1);
        }
        if (end is not { } e)
        {
            return null;
        }
        if (e <= s)
        {
            errors.Add("end", "The end must be after the start.");
            return null;
        }
        if (e - s > MaxLength)
        {
            errors.Add("end", $"An event lasts at most {MaxLength.Days} days.");
            return null;
        }
        return e;
    }

    private static Guid[] Contacts(IItemInput input, FieldErrors errors)
    {
        if (input.ParticipantContactIds.Count > MaxContacts)
        {
            errors.Add("participant_contact_ids", $"At most {MaxContacts} client contacts.");
            return [];
        }
        var ids = new List<Guid>();
        for (var i = 0; i < input.ParticipantContactIds.Count; i++)
        {
            var field = $"participant_contact_ids[{i}]";
            if (string.IsNullOrWhiteSpace(input.ParticipantContactIds[i]))
            {
                errors.Add(field, "Must be a contact's id (UUID).");
            }
            else if (InputRules.Id(errors, field, input.ParticipantContactIds[i]) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        return [.. ids];
    }

    private static List<ChecklistItem> ReadChecklist(IItemInput input, FieldErrors errors)
    {
        if (input.Checklist.Count > MaxChecklist)
        {
            errors.Add("checklist", $"At most {MaxChecklist} checklist entries.");
            return [];
        }
        var list = new List<ChecklistItem>();
        for (var i = 0; i < input.Checklist.Count; i++)
        {
            if (InputRules.Text(errors, $"checklist[{i}].text", input.Checklist[i].Text, 300, required: true, "checklist entry") is { } text)
            {
                list.Add(new ChecklistItem(text, input.Checklist[i].Done));
            }
        }
        return list;
    }

    private static T Refused<T>(FieldErrors errors, string field, string message, T fallback)
    {
        errors.Add(field, message);
        return fallback;
    }
}
