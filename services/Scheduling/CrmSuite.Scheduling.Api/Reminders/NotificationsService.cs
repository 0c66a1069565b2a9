using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Paging;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Infrastructure;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Reminders;

/// <summary>The in-app channel: the caller's own delivered reminders, newest first.</summary>
public sealed partial class NotificationsService(SchedulingDbContext db) : Contracts.Notifications.NotificationsBase
{
    private const string Order = "notifications";

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var pageSize = PageSize.Validate(request.PageSize);
        var token = PageToken.Decode(request.PageToken, Order);
        var user = context.GetHttpContext().User.UserId() ?? "\u0000no-subject";
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == user);
        if (request.UnreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        if (token is not null)
        {
            var before = token.Time ?? throw new ValidationFailedException("page_token", "Page token is not valid for this list; start again from the first page.");
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(before, token.Id)));
        }
        var page = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var response = new ListNotificationsResponse();
        response.Notifications.AddRange(page.Take(pageSize).Select(Live.NotificationMapping.ToContract));
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            response.NextPageToken = new PageToken(Order, null, last.CreatedAt, last.Id).Encode();
        }
        return response;
    }
}
