using System.Net.Http.Json;
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

    private static UpdateItemRequest Unchanged(Item item) => new()
    {
        Id = item.Id, Version = item.Version, Title = item.Title, Description = item.Description, Start = item.Start, End = item.End, TimeZone = item.TimeZone,
        AllDay = item.AllDay, Priority = item.Priority, AssigneeUserId = item.AssigneeUserId, WatcherUserIds = { item.WatcherUserIds }, Checklist = { item.Checklist.Select(c => c.Clone()) }, ResultRequired = item.ResultRequired,
        Place = item.Place, OnlineLink = item.OnlineLink, ParticipantUserIds = { item.ParticipantUserIds }, ParticipantContactIds = { item.ParticipantContactIds },
        CompanyId = item.CompanyId, ContactId = item.ContactId, DealId = item.DealId, LeadId = item.LeadId, Recurrence = item.Recurrence,
        RecurrenceExceptions = { item.RecurrenceExceptions }, ReminderMinutesBefore = { item.ReminderMinutesBefore },
    };

    private async Task<RpcException> RefusedAsync(Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(refused.StatusCode == StatusCode.PermissionDenied, $"Expected PermissionDenied, got {refused.StatusCode}: {refused.Status.Detail}");
        return refused;
    }

    [Fact]
    public async Task A_participant_or_watcher_who_changes_cancels_or_completes_an_item_is_refused_with_403_and_nothing_changes()
    {
        var meeting = await api.MeetingAsync(People.Anna, edit: r =>
        {
            r.ParticipantUserIds.Add("manager-boris");
            r.WatcherUserIds.Add("manager-oleg");
        });

        var moved = Unchanged(meeting);
        moved.Start = "2026-03-11T09:00";
        moved.End = "2026-03-11T10:00";
        var retitled = await RefusedAsync(() => api.As(People.Boris).Items.UpdateItemAsync(moved, cancellationToken: Ct).ResponseAsync);
        var cancelled = Unchanged(meeting);
        cancelled.Status = ItemStatus.Cancelled;
        await RefusedAsync(() => api.As(People.Oleg).Items.UpdateItemAsync(cancelled, cancellationToken: Ct).ResponseAsync);
        await RefusedAsync(() => api.As(People.Boris).Items.CompleteItemAsync(new CompleteItemRequest { Id = meeting.Id, Version = meeting.Version }, cancellationToken: Ct).ResponseAsync);
        // Over REST too: 403, and the reason says who may.
        var rest = await api.As(People.Oleg).Http.PutAsJsonAsync($"/v1/items/{meeting.Id}", new { meeting.Title, start = "2026-03-12T09:00", end = "2026-03-12T10:00", timeZone = "Europe/Berlin", version = meeting.Version }, Json, Ct);

        Assert.Contains("owner", retitled.Status.Detail);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, rest.StatusCode);
        var read = await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = meeting.Id }, cancellationToken: Ct);
        Assert.Equal((meeting.Start, meeting.Version, ItemStatus.Open), (read.Start, read.Version, read.Status));
        Assert.Empty(await api.AuditAsync("scheduling.item.updated", meeting.Id));
        Assert.Empty(await api.AuditAsync("scheduling.item.completed", meeting.Id));
    }

    [Fact]
    public async Task The_assignee_reports_progress_and_completes_but_the_owner_alone_reschedules_reassigns_or_cancels()
    {
        var task = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Task, Title = "Подготовить договор", Start = "2026-03-20T12:00", TimeZone = "Europe/Moscow", AssigneeUserId = "manager-boris",
            Checklist = { new ChecklistEntry { Text = "Реквизиты" } },
        }, cancellationToken: Ct);
        var boris = api.As(People.Boris).Items;

        var later = Unchanged(task);
        later.Start = "2026-03-27T12:00";
        await RefusedAsync(() => boris.UpdateItemAsync(later, cancellationToken: Ct).ResponseAsync);
        var handedOn = Unchanged(task);
        handedOn.AssigneeUserId = "manager-oleg";
        await RefusedAsync(() => boris.UpdateItemAsync(handedOn, cancellationToken: Ct).ResponseAsync);
        var dropped = Unchanged(task);
        dropped.Status = ItemStatus.Cancelled;
        await RefusedAsync(() => boris.UpdateItemAsync(dropped, cancellationToken: Ct).ResponseAsync);

        var progress = Unchanged(task);
        progress.Status = ItemStatus.InProgress;
        progress.Checklist[0].Done = true;
        var started = await boris.UpdateItemAsync(progress, cancellationToken: Ct);
        var done = await boris.CompleteItemAsync(new CompleteItemRequest { Id = task.Id, Version = started.Version, Result = "Подписан" }, cancellationToken: Ct);

        Assert.Equal(("2026-03-20T12:00", "manager-boris", true), (started.Start, started.AssigneeUserId, started.Checklist[0].Done));
        Assert.Equal(ItemStatus.Done, done.Status);
    }

    [Fact]
    public async Task The_head_of_the_owners_team_and_a_director_may_change_an_item_they_do_not_own()
    {
        var meeting = await api.MeetingAsync(People.Anna);

        var byHead = Unchanged(meeting);
        byHead.Title = "Перенесено руководителем";
        byHead.Start = "2026-03-10T11:00";
        byHead.End = "2026-03-10T12:00";
        var moved = await api.As(People.HeadOfNorth).Items.UpdateItemAsync(byHead, cancellationToken: Ct);
        var byDirector = Unchanged(moved);
        byDirector.Status = ItemStatus.Cancelled;
        var cancelled = await api.As(People.Director).Items.UpdateItemAsync(byDirector, cancellationToken: Ct);

        Assert.Equal(("Перенесено руководителем", "2026-03-10T11:00", ItemStatus.Cancelled), (cancelled.Title, cancelled.Start, cancelled.Status));
    }

    [Fact]
    public async Task An_accountant_and_an_integration_see_every_client_but_only_their_own_calendar_and_a_director_sees_all()
    {
        var annas = await api.MeetingAsync(People.Anna);
        var involvingAccountant = await api.MeetingAsync(People.Oleg, edit: r => r.ParticipantUserIds.Add("accountant-1"));
        var accountants = await api.MeetingAsync(People.Accountant);
        var integrations = await api.MeetingAsync(People.Integration);

        Assert.False(await SeesAsync(People.Accountant, annas), "an accountant, another person's meeting");
        Assert.True(await SeesAsync(People.Accountant, involvingAccountant), "an accountant taking part");
        Assert.True(await SeesAsync(People.Accountant, accountants), "an accountant, own");
        Assert.False(await SeesAsync(People.Integration, annas), "an integration, a person's meeting");
        Assert.True(await SeesAsync(People.Integration, integrations), "an integration, the item it created");
        Assert.True(await SeesAsync(People.Director, annas), "director");
        Assert.True(await SeesAsync(People.Director, integrations), "director, an integration's item");
        var changed = Unchanged(annas);
        changed.Title = "Чужая";
        var refused = await Assert.ThrowsAsync<RpcException>(() => api.As(People.Accountant).Items.UpdateItemAsync(changed, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }
}
