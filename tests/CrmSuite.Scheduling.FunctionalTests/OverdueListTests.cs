using CrmSuite.Scheduling.Contracts;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>Overdue tasks stand out in answers and can be listed on their own.</summary>
public sealed class OverdueListTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    [Fact]
    public async Task A_task_past_its_due_time_is_overdue_by_days_in_its_zone_and_the_overdue_filter_lists_only_those()
    {
        var oleg = api.As(People.Oleg).Items;
        // Today is 1 March 2026, 12:00 UTC (15:00 in Moscow).
        var late = await oleg.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Task, Title = "Просрочена", Start = "2026-02-26T17:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);
        var ahead = await oleg.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Task, Title = "Впереди", Start = "2026-03-02T17:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);
        var done = await oleg.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Task, Title = "Сделана", Start = "2026-02-20T17:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);
        await oleg.CompleteItemAsync(new CompleteItemRequest { Id = done.Id }, cancellationToken: Ct);
        var pastMeeting = await api.MeetingAsync(People.Oleg, "2026-02-20T09:00", "2026-02-20T10:00");

        var read = await oleg.GetItemAsync(new GetItemRequest { Id = late.Id }, cancellationToken: Ct);
        var overdue = await oleg.ListItemsAsync(new ListItemsRequest { OverdueOnly = true, PageSize = 100 }, cancellationToken: Ct);
        var all = await oleg.ListItemsAsync(new ListItemsRequest { PageSize = 100 }, cancellationToken: Ct);

        Assert.Equal((true, 3), (read.Overdue, read.OverdueDays));
        Assert.Equal([late.Id], overdue.Items.Select(i => i.Id));
        Assert.False(all.Items.Single(i => i.Id == ahead.Id).Overdue);
        Assert.False(all.Items.Single(i => i.Id == done.Id).Overdue);
        Assert.False(all.Items.Single(i => i.Id == pastMeeting.Id).Overdue);
        Assert.True(all.Items.Single(i => i.Id == late.Id).Overdue);
    }
}
