using System.Net;
using System.Net.Http.Json;
using CrmSuite.Scheduling.Contracts;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>"What next": completing an activity plans the next one in the same step, both or neither.</summary>
public sealed class NextActivityTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private async Task<Contracts.ActivityType> BuiltInAsync(string code) =>
        (await new ActivityTypes.ActivityTypesClient(api.Grpc(People.Anna)).ListActivityTypesAsync(new ListActivityTypesRequest(), cancellationToken: Ct)).Types_.Single(t => t.Code == code);

    [Fact]
    public async Task Completing_a_meeting_plans_the_suggested_e_mail_the_next_day_at_the_same_time_for_the_same_client()
    {
        var (company, _, deal) = await api.ClientAsync(CrmSuite.Testing.TestUser.ManagerAnna);
        var meetingType = await BuiltInAsync("meeting");
        var email = await BuiltInAsync("email");
        var meeting = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest
        {
            ActivityTypeId = meetingType.Id, Title = "Презентация", Start = "2026-03-01T10:00", TimeZone = "Europe/Moscow", CompanyId = company, DealId = deal,
        }, cancellationToken: Ct);

        // The staff UI's one click: plan what the type suggests.
        var response = await api.As(People.Anna).Http.PostAsJsonAsync($"/v1/items/{meeting.Id}:complete", new { result = "Договорились о КП", planNext = true }, Json, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await ReadJsonAsync(response);
        var nextId = done.GetProperty("nextItemId").GetString()!;
        var next = await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = nextId }, cancellationToken: Ct);
        // Today is 1 March 2026 (the test clock); the meeting type suggests an e-mail one day later.
        Assert.Equal((email.Id, ItemKind.Task, "Письмо", "2026-03-02T10:00", "Europe/Moscow"), (next.ActivityTypeId, next.Kind, next.Title, next.Start, next.TimeZone));
        Assert.Equal((company, deal, "manager-anna", ItemStatus.Open), (next.CompanyId, next.DealId, next.AssigneeUserId, next.Status));
        Assert.Single(await api.AuditAsync("scheduling.item.created", nextId));
        Assert.Single(await api.OutboxAsync(Contracts.Events.MeetingHeld.Topic), e => e.GetProperty("itemId").GetString() == meeting.Id);
    }

    [Fact]
    public async Task What_the_person_chooses_for_the_next_activity_wins_over_the_suggestion_and_gets_its_types_defaults()
    {
        var call = await BuiltInAsync("call");
        var task = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest { ActivityTypeId = (await BuiltInAsync("task")).Id, Title = "Подготовить КП", Start = "2026-03-01T15:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);

        var done = await api.As(People.Anna).Items.CompleteItemAsync(new CompleteItemRequest
        {
            Id = task.Id, PlanNext = true, NextActivityTypeId = call.Id, NextTitle = "Обсудить КП", NextStart = "2026-03-05T11:00", NextAssigneeUserId = "manager-boris",
        }, cancellationToken: Ct);

        var next = await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = done.NextItemId }, cancellationToken: Ct);
        Assert.Equal((ItemKind.Call, "Обсудить КП", "2026-03-05T11:00", "2026-03-05T11:15", "manager-boris", true),
            (next.Kind, next.Title, next.Start, next.End, next.AssigneeUserId, next.ResultRequired));
        Assert.Equal("15", string.Join(",", next.ReminderMinutesBefore));
    }

    [Fact]
    public async Task A_bad_next_activity_is_a_400_naming_its_field_and_leaves_the_first_one_open_and_unpublished()
    {
        var task = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Task, Title = "Счёт " + Guid.NewGuid().ToString("N")[..6], Start = "2026-03-01T15:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);
        var call = await BuiltInAsync("call");
        var http = api.As(People.Anna).Http;
        var items = await api.ScalarAsync("SELECT count(*) FROM items");

        var badStart = await http.PostAsJsonAsync($"/v1/items/{task.Id}:complete", new { planNext = true, nextActivityTypeId = call.Id, nextStart = "завтра" }, Json, Ct);
        var badZone = await http.PostAsJsonAsync($"/v1/items/{task.Id}:complete", new { planNext = true, nextActivityTypeId = call.Id, nextTimeZone = "Mars/Olympus" }, Json, Ct);
        // An item planned without a type suggests nothing: the next type must be named.
        var noType = await http.PostAsJsonAsync($"/v1/items/{task.Id}:complete", new { planNext = true }, Json, Ct);

        Assert.Equal(["nextStart"], await BadFieldsAsync(badStart));
        Assert.Equal(["nextTimeZone"], await BadFieldsAsync(badZone));
        Assert.Equal(["nextActivityTypeId"], await BadFieldsAsync(noType));
        var still = await api.As(People.Anna).Items.GetItemAsync(new GetItemRequest { Id = task.Id }, cancellationToken: Ct);
        Assert.Equal((ItemStatus.Open, ""), (still.Status, still.NextItemId));
        Assert.DoesNotContain(await api.OutboxAsync(Contracts.Events.TaskCompleted.Topic), e => e.GetProperty("itemId").GetString() == task.Id);
        Assert.Equal(items, await api.ScalarAsync("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task Completing_without_planning_next_plans_nothing()
    {
        var task = await api.As(People.Anna).Items.CreateItemAsync(new CreateItemRequest { ActivityTypeId = (await BuiltInAsync("task")).Id, Title = "Просто задача", Start = "2026-03-01T15:00", TimeZone = "Europe/Moscow" }, cancellationToken: Ct);
        var before = await api.ScalarAsync("SELECT count(*) FROM items");

        var done = await api.As(People.Anna).Items.CompleteItemAsync(new CompleteItemRequest { Id = task.Id }, cancellationToken: Ct);

        Assert.Equal((ItemStatus.Done, ""), (done.Status, done.NextItemId));
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM items"));
    }
}
