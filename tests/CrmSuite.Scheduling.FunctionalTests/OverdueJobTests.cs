using CrmSuite.Scheduling.Api.Overdue;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// The overdue job marks a task overdue once when its due time passes: one scheduling.task-overdue
/// event and one notification to the assignee (the owner when none), however many replicas run it.
/// </summary>
public sealed class OverdueJobTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    internal static TestUser Person(string id, string name) => People.Oleg with { Id = id, Name = name, Teams = [], HeadedTeams = [] };

    internal static async Task<List<Notification>> NotificationsAsync(SchedulingApi api, TestUser user) =>
        [.. (await api.As(user).Notifications.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 100 }, cancellationToken: Ct)).Notifications];

    internal static async Task<int> OverdueEventsAsync(SchedulingApi api, string itemId) =>
        (await api.OutboxAsync("scheduling.task-overdue")).Count(e => e.GetProperty("itemId").GetString() == itemId);

    internal static async Task<Item> TaskAsync(SchedulingApi api, TestUser owner, string title, string due, string? assignee = null, string zone = "UTC") =>
        await api.As(owner).Items.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Task, Title = title, Start = due, TimeZone = zone, AssigneeUserId = assignee ?? string.Empty }, cancellationToken: Ct);

    [Fact]
    public async Task Two_jobs_at_once_mark_each_passed_task_overdue_once_with_one_event_and_one_notification_to_its_assignee()
    {
        api.Clock.Now = TestClock.Start;
        var owner = Person("overdue-owner", "Владелец");
        var assignee = Person("overdue-assignee", "Исполнитель");
        // 30 tasks due this morning (the clock says 1 March, 12:00 UTC), assigned; one of the owner's own, not assigned; one due tomorrow.
        var passed = new List<Item>();
        for (var i = 0; i < 30; i++)
        {
            passed.Add(await TaskAsync(api, owner, $"Позвонить клиенту {i}", $"2026-03-01T{8 + i % 4:00}:{i:00}", assignee.Id));
        }
        var own = await TaskAsync(api, owner, "Своя задача", "2026-03-01T11:00");
        var tomorrow = await TaskAsync(api, owner, "Завтрашняя", "2026-03-02T11:00", assignee.Id);
        // Two replicas whose claims take 5 tasks at a time, racing.
        await using var a = api.StartWith(("Scheduling:Overdue:BatchSize", "5"));
        await using var b = api.StartWith(("Scheduling:Overdue:BatchSize", "5"));
        var jobs = new[] { a.Services.GetRequiredService<OverdueJob>(), b.Services.GetRequiredService<OverdueJob>() };

        var marked = await Task.WhenAll(jobs.Select(async job =>
        {
            var total = 0;
            for (int n; (n = await job.MarkDueAsync(Ct)) > 0;)
            {
                total += n;
            }
            return total;
        }));
        var again = await Task.WhenAll(jobs.Select(job => job.MarkDueAsync(Ct)));

        var events = new List<int>();
        foreach (var task in passed.Append(own))
        {
            events.Add(await OverdueEventsAsync(api, task.Id));
        }
        var told = await NotificationsAsync(api, assignee);
        var overdueNotices = told.Where(n => n.Kind == "overdue").ToList();
        var duplicates = overdueNotices.GroupBy(n => n.ItemId).Sum(g => g.Count() - 1);
        TestContext.Current.SendDiagnosticMessage($"overdue: due 31, marked {marked.Sum()} ({marked[0]} + {marked[1]}), events {events.Sum()}, notifications {overdueNotices.Count}, duplicates {duplicates}");
        Assert.Equal(31, marked.Sum());
        Assert.Equal([0, 0], again);
        Assert.All(events, count => Assert.Equal(1, count));
        Assert.Equal(passed.Select(t => t.Id).Order(), overdueNotices.Select(n => n.ItemId).Order());
        Assert.Contains("Задача «Позвонить клиенту 0» просрочена: срок был 1 марта 2026", overdueNotices.Single(n => n.ItemId == passed[0].Id).Title);
        // Not assigned: the owner hears of it, and only of that one.
        Assert.Equal([own.Id], (await NotificationsAsync(api, owner)).Where(n => n.Kind == "overdue").Select(n => n.ItemId));
        Assert.Equal(0, await OverdueEventsAsync(api, tomorrow.Id));
        Assert.Single(await api.AuditAsync("scheduling.task.overdue", passed[0].Id));
        var payload = (await api.OutboxAsync("scheduling.task-overdue")).Single(e => e.GetProperty("itemId").GetString() == passed[0].Id);
        Assert.Equal((owner.Id, assignee.Id), (payload.GetProperty("ownerUserId").GetString(), payload.GetProperty("assigneeUserId").GetString()));

        // A day later the other one is due too, once.
        api.Clock.Now = TestClock.Start.AddDays(1);
        Assert.Equal(1, await jobs[0].MarkDueAsync(Ct));
        Assert.Equal(1, await OverdueEventsAsync(api, tomorrow.Id));
        api.Clock.Now = TestClock.Start;
    }

    [Fact]
    public async Task Done_tasks_meetings_and_calls_are_never_marked_overdue()
    {
        api.Clock.Now = TestClock.Start;
        var owner = Person("overdue-never", "Никогда");
        var items = api.As(owner).Items;
        var done = await TaskAsync(api, owner, "Сделана вовремя", "2026-03-01T10:00");
        await items.CompleteItemAsync(new CompleteItemRequest { Id = done.Id }, cancellationToken: Ct);
        var meeting = await items.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Meeting, Title = "Прошедшая встреча", Start = "2026-03-01T09:00", End = "2026-03-01T10:00", TimeZone = "UTC" }, cancellationToken: Ct);
        var call = await items.CreateItemAsync(new CreateItemRequest { Kind = ItemKind.Call, Title = "Прошедший звонок", Start = "2026-03-01T09:00", End = "2026-03-01T09:15", TimeZone = "UTC" }, cancellationToken: Ct);
        var job = api.Services.GetRequiredService<OverdueJob>();

        await job.MarkDueAsync(Ct);

        foreach (var item in new[] { done, meeting, call })
        {
            Assert.Equal(0, await OverdueEventsAsync(api, item.Id));
            Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM overdue_marks WHERE item_id = @p0", Guid.Parse(item.Id)));
        }
        Assert.DoesNotContain(await NotificationsAsync(api, owner), n => n.Kind == "overdue");
    }

    [Fact]
    public async Task A_form_opened_before_the_task_became_overdue_still_saves()
    {
        api.Clock.Now = TestClock.Start;
        var owner = Person("overdue-form", "Открыла форму");
        var items = api.As(owner).Items;
        // Due at 11:00; the person opened its form before and saves it after the job marked it.
        var task = await TaskAsync(api, owner, "Подготовить счёт", "2026-03-01T11:00");
        var opened = await items.GetItemAsync(new GetItemRequest { Id = task.Id }, cancellationToken: Ct);

        Assert.Equal(1, await api.Services.GetRequiredService<OverdueJob>().MarkDueAsync(Ct));
        var saved = await items.UpdateItemAsync(new UpdateItemRequest
        {
            Id = opened.Id, Version = opened.Version, Title = "Подготовить счёт и акт", Start = "2026-03-02T11:00", TimeZone = "UTC",
        }, cancellationToken: Ct);

        Assert.Equal(("Подготовить счёт и акт", false), (saved.Title, saved.Overdue));
        Assert.Equal(1, await OverdueEventsAsync(api, task.Id));
    }
}
