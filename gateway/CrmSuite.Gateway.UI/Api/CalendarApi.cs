using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using CalendarViewClient = CrmSuite.Scheduling.Contracts.CalendarView.CalendarViewClient;

namespace CrmSuite.Gateway.UI.Api;

/// <summary>
/// The calendar's compact read (scheduling's CalendarView): what the calendar and the team timeline
/// draw of every item in a range, a cell per occurrence, instead of whole items. The whole item
/// (description, checklist, links, reminders) is read with <see cref="SchedulingApi.GetItemAsync"/>
/// when one is opened or moved.
/// </summary>
public sealed class CalendarApi(CalendarViewClient calendar)
{
    /// <summary>The service's largest page for a window: a busy team's week is one request.</summary>
    private const int PageSize = 1000;

    /// <summary>
    /// The items touching [<paramref name="from"/>, <paramref name="to"/>) that the person sees, earliest
    /// first, each with only what a calendar draws and its occurrences in the range (see <see cref="ItemsOf"/>).
    /// </summary>
    public Task<IReadOnlyList<Item>?> ListRangeAsync(DateTimeOffset from, DateTimeOffset to, ErrorState errors, CancellationToken cancellationToken = default) =>
        ServiceCall.RunAsync(ListAllPagesAsync(new ListCalendarRequest
        {
            From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to), PageSize = PageSize,
        }, cancellationToken), errors, cancellationToken);

    /// <summary>
    /// The cells as items the calendar's entries are drawn from: an item's kind, title, times, zone,
    /// status, overdue flag, people, type and version, and one occurrence per cell. Everything else
    /// (description, checklist, links, the rule itself) is empty: read the item to change it.
    /// </summary>
    public static IReadOnlyList<Item> ItemsOf(IEnumerable<CalendarCell> cells)
    {
        var items = new List<Item>();
        foreach (var group in cells.GroupBy(c => c.Id))
        {
            var first = group.FirstOrDefault(c => !c.Changed) ?? group.First();
            var item = new Item
            {
                Id = first.Id, Kind = first.Kind, Title = first.Title, Start = first.Start, End = first.End, StartsAt = first.StartsAt, EndsAt = first.EndsAt,
                AllDay = first.AllDay, TimeZone = first.TimeZone, Status = first.Status, Overdue = first.Overdue, OwnerUserId = first.OwnerUserId,
                AssigneeUserId = first.AssigneeUserId, ActivityTypeId = first.ActivityTypeId, Version = first.Version,
            };
            item.ParticipantUserIds.AddRange(first.ParticipantUserIds);
            item.WatcherUserIds.AddRange(first.WatcherUserIds);
            item.Occurrences.AddRange(group.Select(c => new Occurrence
            {
                Start = c.Start, End = c.End, StartsAt = c.StartsAt, EndsAt = c.EndsAt, OriginalStart = c.OccurrenceStart, Changed = c.Changed, Title = c.Title,
            }));
            items.Add(item);
        }
        return items;
    }

    private async Task<IReadOnlyList<Item>> ListAllPagesAsync(ListCalendarRequest request, CancellationToken cancellationToken)
    {
        var cells = new List<CalendarCell>();
        do
        {
            var page = await calendar.ListCalendarAsync(request, cancellationToken: cancellationToken);
            cells.AddRange(page.Cells);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0 && cells.Count < SchedulingApi.MaxItems);
        return ItemsOf(cells);
    }
}
