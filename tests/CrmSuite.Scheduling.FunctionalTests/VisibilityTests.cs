using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Own / team / all, as for clients: a person sees the items they own, are assigned to, watch or
/// take part in; the head of the owner's team sees the team's; a director all; nobody else, not
/// even that the item exists.
/// </summary>
public sealed class VisibilityTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private async Task<bool> SeesAsync(TestUser user, Item item)
    {
        try
        {
            await api.As(user).Items.GetItemAsync(new GetItemRequest { Id = item.Id }, cancellationToken: Ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
        var listed = await api.As(user).Items.ListItemsAsync(new ListItemsRequest
        {
            From = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)),
            To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)),
            PageSize = 200,
        }, cancellationToken: Ct);
        Assert.Contains(listed.Items, i => i.Id == item.Id);
        return true;
    }

    [Fact]
    public async Task The_owner_participants_the_owners_team_head_and_the_director_see_a_meeting_and_others_do_not()
    {
        var meeting = await api.MeetingAsync(People.Anna, edit: r => r.ParticipantUserIds.Add("manager-boris"));

        Assert.True(await SeesAsync(People.Anna, meeting), "owner");
        Assert.True(await SeesAsync(People.Boris, meeting), "participant");
        Assert.True(await SeesAsync(People.HeadOfNorth, meeting), "head of the owner's team");
        Assert.True(await SeesAsync(People.Director, meeting), "director");
        Assert.False(await SeesAsync(People.Oleg, meeting), "a manager of another team");
    }

    [Fact]
    public async Task The_assignee_and_a_watcher_see_a_task_others_in_the_team_do_not()
    {
        var task = await api.As(People.Boris).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Task, Title = "Проверить договор", Start = "2026-03-20T12:00", TimeZone = "Europe/Moscow", AssigneeUserId = "manager-oleg",
        }, cancellationToken: Ct);
        var watched = await api.As(People.Oleg).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Task, Title = "Оплата", Start = "2026-03-21T12:00", TimeZone = "Europe/Moscow", WatcherUserIds = { "manager-anna" },
        }, cancellationToken: Ct);

        Assert.True(await SeesAsync(People.Oleg, task), "assignee");
        Assert.False(await SeesAsync(People.Anna, task), "a colleague who is neither owner, assignee, watcher nor participant");
        Assert.True(await SeesAsync(People.Anna, watched), "watcher");
        Assert.False(await SeesAsync(People.HeadOfNorth, watched), "the head of another team than the owner's");
    }

    [Fact]
    public async Task An_item_a_person_cannot_see_cannot_be_changed_or_completed_by_them()
    {
        var meeting = await api.MeetingAsync(People.Anna);

        var update = await Assert.ThrowsAsync<RpcException>(() => api.As(People.Oleg).Items.UpdateItemAsync(new UpdateItemRequest
        {
            Id = meeting.Id, Title = "Чужая", Start = "2026-03-10T09:00", End = "2026-03-10T10:00", TimeZone = "Europe/Berlin",
        }, cancellationToken: Ct).ResponseAsync);
        var complete = await Assert.ThrowsAsync<RpcException>(() => api.As(People.Oleg).Items.CompleteItemAsync(new CompleteItemRequest { Id = meeting.Id }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (update.StatusCode, complete.StatusCode));
        var read = await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = meeting.Id }, cancellationToken: Ct);
        Assert.Equal((meeting.Title, ItemStatus.Open), (read.Title, read.Status));
    }
}
