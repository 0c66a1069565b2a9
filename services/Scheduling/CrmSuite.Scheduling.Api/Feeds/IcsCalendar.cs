using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Recurrence;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CrmSuite.Scheduling.Api.Feeds;

/// <summary>
/// Items as RFC 5545 text, by Ical.Net. A series is one VEVENT with its RRULE and EXDATEs on the
/// local start with TZID, and the zone's VTIMEZONE is included, so the calendar program expands
/// it itself and a weekly 09:00 stays 09:00 across a DST change (as in the service's own lists).
/// UID is the item's id (stable across reads, so a subscription updates the event in place).
/// </summary>
internal static class IcsCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string UidSuffix = "@crmsuite";

    public static string Write(IReadOnlyList<ScheduledItem> items, string? name)
    {
        var calendar = new Calendar { ProductId = "-//CrmSuite//Scheduling//EN", Method = "PUBLISH" };
        if (name is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", name);
            // How often a subscriber should look again (Outlook and Thunderbird honour these).
            calendar.AddProperty("X-PUBLISHED-TTL", "PT15M");
            var refresh = new CalendarProperty("REFRESH-INTERVAL", "PT15M");
            refresh.Parameters.Add("VALUE", "DURATION");
            calendar.Properties.Add(refresh);
        }
        foreach (var zone in items.Where(i => !i.AllDay).GroupBy(i => i.TimeZone, StringComparer.Ordinal))
        {
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Key, zone.Min(i => i.StartLocal), includeHistoricalData: false));
        }
        foreach (var item in items)
        {
            calendar.Events.Add(ToEvent(item));
            // An occurrence changed on its own: a VEVENT of the same UID whose RECURRENCE-ID is its
            // start by the rule (RFC 5545 3.8.4.4); a cancelled one is an EXDATE of the series.
            foreach (var change in item.OccurrenceOverrides.Where(o => item.Expands() && !item.RecurrenceExceptions.Contains(o.OriginalStart)))
            {
                calendar.Events.Add(ToEvent(item, change));
            }
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    private static CalendarEvent ToEvent(ScheduledItem item, OccurrenceOverride? change = null)
    {
        var calendarEvent = new CalendarEvent
        {
            Uid = item.Id + UidSuffix,
            DtStamp = new CalDateTime(DateTime.SpecifyKind(item.UpdatedAt.UtcDateTime, DateTimeKind.Utc), CalDateTime.UtcTzId),
            DtStart = At(item, change?.StartLocal ?? item.StartLocal),
            Summary = change?.Title ?? item.Title,
            Description = item.Description,
            Location = change?.Place ?? item.Place ?? item.OnlineLink,
            Status = item.Status == ItemState.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        if (change is not null)
        {
            calendarEvent.RecurrenceIdentifier = new RecurrenceIdentifier(At(item, change.OriginalStart));
            if (item.EndLocal is not null)
            {
                calendarEvent.DtEnd = At(item, change.EndLocal);
            }
            return calendarEvent;
        }
        if (item.EndLocal is { } end)
        {
            calendarEvent.DtEnd = At(item, end);
        }
        else if (item.AllDay)
        {
            calendarEvent.DtEnd = At(item, item.StartLocal.AddDays(1));
        }
        if (item.OnlineLink is { } link && Uri.TryCreate(link, UriKind.Absolute, out var url))
        {
            calendarEvent.Url = url;
        }
        // A recurring task is exported as its one open instance: its rule only plans the next one.
        if (item.Expands() && item.Recurrence is { } rule)
        {
            calendarEvent.RecurrenceRule = new RecurrencePattern(rule);
            calendarEvent.ExceptionDates.AddRange(item.RecurrenceExceptions.Select(e => At(item, e)));
        }
        return calendarEvent;
    }

    /// <summary>A local time of the item: a date for an all-day item, otherwise a date-time with the item's TZID.</summary>
    private static CalDateTime At(ScheduledItem item, DateTime local) =>
        item.AllDay
            ? new CalDateTime(DateOnly.FromDateTime(local))
            : new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), item.TimeZone);
}
