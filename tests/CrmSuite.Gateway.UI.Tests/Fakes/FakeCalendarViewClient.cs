using CrmSuite.Scheduling.Contracts;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests.Fakes;

/// <summary>
/// The calendar's compact read over the same stored items as <see cref="FakeSchedulingClient"/>: a
/// cell per occurrence with only what a calendar draws (no description, links or rule), every
/// request recorded.
/// </summary>
internal sealed class FakeCalendarViewClient(FakeSchedulingClient items) : CalendarView.CalendarViewClient
{
    public List<ListCalendarRequest> Requests { get; } = [];

    public override AsyncUnaryCall<ListCalendarResponse> ListCalendarAsync(ListCalendarRequest request, CallOptions options)
    {
        Requests.Add(request);
        var response = new ListCalendarResponse();
        foreach (var item in items.Matching(new ListItemsRequest { From = request.From, To = request.To, Kind = request.Kind, Status = request.Status, AssigneeUserId = request.AssigneeUserId }))
        {
            response.Cells.AddRange(item.Occurrences.Select(o =>
            {
                var cell = new CalendarCell
                {
                    Id = item.Id, Kind = item.Kind, Title = o.Title.Length > 0 ? o.Title : item.Title, Start = o.Start, End = item.Kind == ItemKind.Task ? "" : o.End,
                    StartsAt = o.StartsAt, EndsAt = item.Kind == ItemKind.Task ? null : o.EndsAt, AllDay = item.AllDay, TimeZone = item.TimeZone,
                    Status = item.Status, Overdue = item.Overdue, OwnerUserId = item.OwnerUserId, AssigneeUserId = item.AssigneeUserId,
                    ActivityTypeId = item.ActivityTypeId, Recurring = item.Recurrence.Length > 0 && item.Kind != ItemKind.Task,
                    OccurrenceStart = o.OriginalStart, Changed = o.Changed, Version = item.Version,
                };
                cell.ParticipantUserIds.AddRange(item.ParticipantUserIds);
                cell.WatcherUserIds.AddRange(item.WatcherUserIds);
                return cell;
            }));
        }
        return Calls.Ok(response);
    }
}
