using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Api.Overdue;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CrmSuite.Scheduling.Api.Items;

public sealed partial class ItemsService
{
    /// <summary>The items the caller sees, filtered and paged (ItemList.cs: the same list the calendar's compact read answers).</summary>
    [Authorize(Policy = Permissions.SchedulingRead)]
    public override async Task<ListItemsResponse> ListItems(ListItemsRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var page = await ItemList.Read(db, context.GetHttpContext().User, request, now).PageAsync(now, context.CancellationToken);
        var response = new ListItemsResponse { NextPageToken = page.NextPageToken };
        response.Items.AddRange(page.Entries.Select(e => e.Item.ToMessage(e.Occurrences).WithOverdue(e.Item, now)));
        return response;
    }
}
