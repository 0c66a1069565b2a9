using System.Globalization;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Api.Items;
using CrmSuite.Scheduling.Api.Overdue;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CrmSuite.Scheduling.Api.CalendarCells;

/// <summary>
/// The calendar's compact read (calendar.proto): the items ListItems lists for the same window and
/// filters (ItemList: one validation, visibility and query), read with only the columns a cell
/// draws and answered one cell per occurrence, so a busy team's week is a small answer instead of
/// a thousand whole items with descriptions, checklists and links.
/// </summary>
public sealed class CalendarService(SchedulingDbContext db, TimeProvider clock) : Contracts.CalendarView.CalendarViewBase
{
    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListCalendarResponse> ListCalendar(ListCalendarRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var list = ItemList.Read(db, context.GetHttpContext().User, new ListItemsRequest
        {
            From = request.From,
            To = request.To,
            PageSize = request.PageSize,
            PageToken = request.PageToken,
            PersonUserId = request.PersonUserId,
            AssigneeUserId = request.AssigneeUserId,
            Kind = request.Kind,
            Status = request.Status,
        }, now, windowRequired: true);
        var page = await list.CalendarPageAsync(now, context.CancellationToken);
        var response = new ListCalendarResponse { NextPageToken = page.NextPageToken };
        foreach (var entry in page.Entries)
        {
            response.Cells.AddRange(entry.Occurrences.Select(o => CellOf(entry.Item, o, now)));
        }
        return response;
    }

    private static CalendarCell CellOf(ScheduledItem item, Recurrence.Occurrence occurrence, DateTimeOffset now)
    {
        var shown = occurrence.ToMessage(item);
        var task = item.Kind == Items.ItemKind.Task;
        var cell = new CalendarCell
        {
            Id = item.Id.ToString(),
            Kind = item.Kind.ToMessage(),
            Title = shown.Title,
            Start = shown.Start,
            End = task ? string.Empty : shown.End,
            StartsAt = shown.StartsAt,
            EndsAt = task ? null : shown.EndsAt,
            AllDay = item.AllDay,
            TimeZone = item.TimeZone,
            Status = item.Status.ToMessage(),
            Overdue = OverdueRule.IsOverdue(item, now),
            OwnerUserId = item.OwnerUserId,
            AssigneeUserId = item.AssigneeUserId ?? string.Empty,
            ActivityTypeId = item.ActivityTypeId?.ToString() ?? string.Empty,
            Recurring = item.Expands(),
            OccurrenceStart = shown.OriginalStart,
            Changed = shown.Changed,
            Version = item.Version.ToString(CultureInfo.InvariantCulture),
        };
        cell.ParticipantUserIds.AddRange(item.ParticipantUserIds);
        cell.WatcherUserIds.AddRange(item.WatcherUserIds);
        return cell;
    }
}
