using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Validation;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Scheduling.Api.Reminders;

/// <summary>The bell's "read": only ever the caller's own notifications; reading is not audited (no data changes hands).</summary>
public sealed partial class NotificationsService
{
    private const int MaxMarkedIds = 500;

    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<MarkNotificationsReadResponse> MarkNotificationsRead(MarkNotificationsReadRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if ((request.Ids.Count == 0) == (request.AllUpTo is null))
        {
            errors.Add("ids", "Give either the notifications' ids or all_up_to (a time), not both and not neither.");
        }
        if (request.Ids.Count > MaxMarkedIds)
        {
            errors.Add("ids", $"At most {MaxMarkedIds} ids at once; use all_up_to for more.");
        }
        var ids = new List<Guid>();
        for (var i = 0; i < request.Ids.Count && i < MaxMarkedIds; i++)
        {
            if (InputRules.Id(errors, $"ids[{i}]", request.Ids[i]) is { } id)
            {
                ids.Add(id);
            }
        }
        var upTo = request.AllUpTo is { } time ? InputRules.Instant(errors, "all_up_to", time) : null;
        errors.ThrowIfAny();

        var http = context.GetHttpContext();
        var user = http.User.UserId() ?? "\u0000no-subject";
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var unread = db.Notifications.Where(n => n.UserId == user && n.ReadAt == null);
        unread = upTo is { } until ? unread.Where(n => n.CreatedAt <= until) : unread.Where(n => ids.Contains(n.Id));
        var marked = await unread.ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), context.CancellationToken);
        return new MarkNotificationsReadResponse { Marked = marked };
    }
}
