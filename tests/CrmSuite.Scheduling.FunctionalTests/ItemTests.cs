using System.Net;
using System.Net.Http.Json;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>Tasks, meetings and calls: created, read, changed with a version check and completed, each write audited.</summary>
public sealed class ItemTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    [Fact]
    public async Task A_meeting_keeps_its_local_times_and_zone_and_answers_the_UTC_instants()
    {
        var response = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/items", new
        {
            kind = "ITEM_KIND_MEETING", title = "Встреча с клиентом", start = "2026-03-30T09:00", end = "2026-03-30T10:30", timeZone = "Europe/Berlin",
            place = "Офис, переговорная 2", onlineLink = "https://meet.example.com/abc", participantUserIds = new[] { "manager-boris" },
        }, Json, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await ReadJsonAsync(response);
        // 30 March 2026 is after Berlin's switch to summer time: 09:00 there is 07:00 UTC.
        Assert.Equal(("2026-03-30T09:00", "2026-03-30T10:30", "Europe/Berlin"), (item.GetProperty("start").GetString(), item.GetProperty("end").GetString(), item.GetProperty("timeZone").GetString()));
        Assert.Equal("2026-03-30T07:00:00Z", item.GetProperty("startsAt").GetString());
        Assert.Equal("2026-03-30T08:30:00Z", item.GetProperty("endsAt").GetString());
        Assert.Equal(("manager-anna", "Анна"), (item.GetProperty("ownerUserId").GetString(), item.GetProperty("ownerName").GetString()));
        var id = item.GetProperty("id").GetString()!;
        var audit = Assert.Single(await api.AuditAsync("scheduling.item.created", id));
        Assert.Equal("manager-anna", audit.GetProperty("actorId").GetString());

        var read = await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = id }, cancellationToken: Ct);
        Assert.Equal(("Встреча с клиентом", "Офис, переговорная 2", ItemStatus.Open), (read.Title, read.Place, read.Status));
    }

    [Fact]
    public async Task A_task_is_due_at_a_time_or_on_a_day_and_without_an_assignee_is_its_creators()
    {
        var anna = api.As(People.Anna).Items;
        var timed = await anna.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Task, Title = "Отправить КП", Start = "2026-03-12T17:00", TimeZone = "America/New_York", Priority = Priority.High,
            Checklist = { new ChecklistEntry { Text = "Расчёт" }, new ChecklistEntry { Text = "Письмо", Done = true } },
        }, cancellationToken: Ct);
        var allDay = await anna.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Task, Title = "Годовой отчёт", Start = "2026-03-31", AllDay = true, TimeZone = "Europe/Moscow", AssigneeUserId = "manager-boris",
        }, cancellationToken: Ct);

        Assert.Equal(("2026-03-12T17:00", "2026-03-12T21:00:00Z", "manager-anna", Priority.High), (timed.Start, timed.StartsAt.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), timed.AssigneeUserId, timed.Priority));
        Assert.Equal(["Расчёт", "Письмо"], timed.Checklist.Select(c => c.Text));
        Assert.Equal(("2026-03-31", true, "manager-boris", ""), (allDay.Start, allDay.AllDay, allDay.AssigneeUserId, allDay.End));
    }

    [Fact]
    public async Task An_update_with_the_version_last_read_is_saved_and_audited_and_a_stale_version_is_409_and_changes_nothing()
    {
        var created = await api.MeetingAsync(People.Anna);
        var anna = api.As(People.Anna).Items;
        UpdateItemRequest Moved(string version, string start, string end) => new()
        {
            Id = created.Id, Version = version, Title = created.Title, Start = start, End = end, TimeZone = created.TimeZone,
        };

        var moved = await anna.UpdateItemAsync(Moved(created.Version, "2026-03-11T14:00", "2026-03-11T15:00"), cancellationToken: Ct);
        var stale = await Assert.ThrowsAsync<RpcException>(() => anna.UpdateItemAsync(Moved(created.Version, "2026-03-12T14:00", "2026-03-12T15:00"), cancellationToken: Ct).ResponseAsync);

        Assert.Equal("2026-03-11T14:00", moved.Start);
        Assert.NotEqual(created.Version, moved.Version);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal("2026-03-11T14:00", (await anna.GetItemAsync(new GetItemRequest { Id = created.Id }, cancellationToken: Ct)).Start);
        var audit = Assert.Single(await api.AuditAsync("scheduling.item.updated", created.Id));
        Assert.Equal("2026-03-10T09:00", audit.GetProperty("before").GetProperty("start").GetString());
        Assert.Equal("2026-03-11T14:00", audit.GetProperty("after").GetProperty("start").GetString());
    }

    [Fact]
    public async Task Completing_needs_the_result_when_the_item_says_so_and_then_publishes_what_happened()
    {
        var call = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest
        {
            Kind = ItemKind.Call, Title = "Перезвонить", Start = "2026-03-10T11:00", End = "2026-03-10T11:15", TimeZone = "Europe/Moscow", ResultRequired = true,
        }, cancellationToken: Ct);
        var http = api.As(People.Anna).Http;

        var withoutResult = await http.PostAsJsonAsync($"/v1/items/{call.Id}:complete", new { version = call.Version }, Json, Ct);
        Assert.Equal(["result"], await BadFieldsAsync(withoutResult));
        Assert.Equal(ItemStatus.Open, (await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = call.Id }, cancellationToken: Ct)).Status);
        Assert.DoesNotContain(await api.OutboxAsync(Contracts.Events.CallLogged.Topic), e => e.GetProperty("itemId").GetString() == call.Id);

        var done = await http.PostAsJsonAsync($"/v1/items/{call.Id}:complete", new { version = call.Version, result = "Договорились о встрече" }, Json, Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var item = await ReadJsonAsync(done);
        Assert.Equal(("ITEM_STATUS_DONE", "Договорились о встрече"), (item.GetProperty("status").GetString(), item.GetProperty("result").GetString()));
        var logged = Assert.Single(await api.OutboxAsync(Contracts.Events.CallLogged.Topic), e => e.GetProperty("itemId").GetString() == call.Id);
        Assert.Equal("manager-anna", logged.GetProperty("completedBy").GetString());
        Assert.Single(await api.AuditAsync("scheduling.item.completed", call.Id));

        var again = await http.PostAsJsonAsync($"/v1/items/{call.Id}:complete", new { result = "Ещё раз" }, Json, Ct);
        Assert.Equal(["status"], await BadFieldsAsync(again));
    }

    [Fact]
    public async Task A_completed_task_publishes_TaskCompleted_and_a_held_meeting_MeetingHeld()
    {
        var task = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Task, Title = "Счёт", Start = "2026-03-10T12:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);
        var meeting = await api.MeetingAsync(People.Anna, edit: r => r.ParticipantUserIds.Add("manager-boris"));

        await api.As(People.Anna).Items.CompleteItemAsync(new CompleteItemRequest { Id = task.Id }, cancellationToken: Ct);
        // The head of the owner's team records it (a participant may not: VisibilityTests).
        await api.As(People.HeadOfNorth).Items.CompleteItemAsync(new CompleteItemRequest { Id = meeting.Id, Result = "Подписали" }, cancellationToken: Ct);

        Assert.Single(await api.OutboxAsync(Contracts.Events.TaskCompleted.Topic), e => e.GetProperty("itemId").GetString() == task.Id);
        var held = Assert.Single(await api.OutboxAsync(Contracts.Events.MeetingHeld.Topic), e => e.GetProperty("itemId").GetString() == meeting.Id);
        Assert.Equal(("head-north", "Подписали"), (held.GetProperty("completedBy").GetString(), held.GetProperty("result").GetString()));
    }

    [Fact]
    public async Task A_done_item_is_no_longer_changed()
    {
        var task = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Task, Title = "Готово", Start = "2026-03-10T12:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);
        await api.As(People.Anna).Items.CompleteItemAsync(new CompleteItemRequest { Id = task.Id }, cancellationToken: Ct);

        var response = await api.As(People.Anna).Http.PutAsJsonAsync($"/v1/items/{task.Id}", new { title = "Другое", start = "2026-03-11T12:00", timeZone = "Europe/Moscow" }, Json, Ct);

        Assert.Equal(["status"], await BadFieldsAsync(response));
        Assert.Equal("Готово", (await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = task.Id }, cancellationToken: Ct)).Title);
    }

    [Fact]
    public async Task Without_scheduling_write_a_reader_cannot_plan_and_without_a_token_nobody_can_read()
    {
        var refused = await api.As(People.Reader).Http.PostAsJsonAsync("/v1/items", new { kind = "ITEM_KIND_TASK", title = "x", start = "2026-03-10T12:00", timeZone = "Europe/Moscow" }, Json, Ct);
        var anonymous = await api.Anonymous().GetAsync("/v1/items", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (refused.StatusCode, anonymous.StatusCode));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM items WHERE title = 'x'"));
    }
}
