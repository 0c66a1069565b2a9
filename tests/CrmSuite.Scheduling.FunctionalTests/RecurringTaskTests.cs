using System.Globalization;
using CrmSuite.Scheduling.Api.Recurrence;
using CrmSuite.Scheduling.Contracts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests;

/// <summary>
/// Recurring tasks: one instance carries the rule; completing it, or its due time passing, makes
/// the next one from the rule (links, assignee, reminders, type; checklist unticked), none after
/// COUNT, never two; a missed instance stays open and becomes overdue work.
/// </summary>
public sealed class RecurringTaskTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private static Timestamp At(string utc) => Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

    /// <summary>The series' instances (the first and those naming it), earliest first.</summary>
    private async Task<List<Item>> InstancesAsync(string firstId)
    {
        var list = await api.As(People.Boris).Items.ListItemsAsync(new ListItemsRequest
        {
            From = At("2026-02-01T00:00:00Z"), To = At("2027-01-01T00:00:00Z"), Kind = ItemKind.Task, PageSize = 200,
        }, cancellationToken: Ct);
        return [.. list.Items.Where(i => i.SeriesId == firstId).OrderBy(i => i.Start, StringComparer.Ordinal)];
    }

    /// <summary>Boris's weekly task on Monday 10:00 in Berlin from 2 March 2026 (the clock stands at 1 March, 12:00 UTC), for Anna.</summary>
    private async Task<Item> WeeklyTaskAsync(string rule = "FREQ=WEEKLY;BYDAY=MO", Action<CreateItemRequest>? edit = null)
    {
        var request = new CreateItemRequest
        {
            Kind = ItemKind.Task, Title = "Отчёт " + Guid.NewGuid().ToString("N")[..6], Start = "2026-03-02T10:00", TimeZone = "Europe/Berlin",
            Recurrence = rule, AssigneeUserId = "manager-anna", ReminderMinutesBefore = { 60 },
            Checklist = { new ChecklistEntry { Text = "Собрать цифры", Done = true }, new ChecklistEntry { Text = "Отправить" } },
        };
        edit?.Invoke(request);
        return await api.As(People.Boris).Items.CreateItemAsync(request, cancellationToken: Ct);
    }

    private Task<Item> CompleteAsync(Item item) =>
        api.As(People.Anna).Items.CompleteItemAsync(new CompleteItemRequest { Id = item.Id, Version = item.Version }, cancellationToken: Ct).ResponseAsync;

    [Fact]
    public async Task Completing_a_weekly_task_makes_the_next_instance_a_week_later_with_its_links_assignee_reminders_and_an_unticked_checklist()
    {
        var (company, _, deal) = await api.ClientAsync(People.Boris);
        var task = await WeeklyTaskAsync(edit: r => (r.CompanyId, r.DealId) = (company, deal));
        Assert.Equal((task.Id, "FREQ=WEEKLY;BYDAY=MO", 1), (task.SeriesId, task.Recurrence, task.Occurrences.Count + 1));

        await CompleteAsync(task);

        var instances = await InstancesAsync(task.Id);
        Assert.Equal([("2026-03-02T10:00", ItemStatus.Done), ("2026-03-09T10:00", ItemStatus.Open)], instances.Select(i => (i.Start, i.Status)));
        var next = instances[1];
        Assert.Equal((task.Title, "manager-anna", company, deal), (next.Title, next.AssigneeUserId, next.CompanyId, next.DealId));
        Assert.Equal([("Собрать цифры", false), ("Отправить", false)], next.Checklist.Select(c => (c.Text, c.Done)));
        Assert.Equal([60], next.ReminderMinutesBefore);
        // 10:00 in Berlin on 9 March is 09:00 UTC: the owner and the assignee are reminded at 08:00 UTC.
        Assert.Equal(2, await api.ScalarAsync("SELECT count(*) FROM reminders WHERE item_id = @p0 AND status = 1 AND due_at = '2026-03-09T08:00:00Z'", Guid.Parse(next.Id)));
        // A recurring task is listed as its one instance, not as a series of occurrences.
        Assert.Single(next.Occurrences);
    }

    [Fact]
    public async Task A_task_with_COUNT_2_makes_one_next_instance_and_none_after_it()
    {
        var task = await WeeklyTaskAsync("FREQ=WEEKLY;BYDAY=MO;COUNT=2");

        await CompleteAsync(task);
        var second = (await InstancesAsync(task.Id))[1];
        Assert.Equal(("2026-03-09T10:00", "FREQ=WEEKLY;COUNT=1;BYDAY=MO"), (second.Start, second.Recurrence));
        await CompleteAsync(second);

        Assert.Equal([ItemStatus.Done, ItemStatus.Done], (await InstancesAsync(task.Id)).Select(i => i.Status));
    }

    [Fact]
    public async Task Completing_the_same_instance_twice_at_once_or_again_later_makes_only_one_next_instance()
    {
        var task = await WeeklyTaskAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await CompleteAsync(task);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));
        await Assert.ThrowsAsync<RpcException>(() => CompleteAsync(task));

        Assert.Equal(1, results.Count(code => code == StatusCode.OK));
        // The losers are told of a conflict (409) or that it is done already, never a server error.
        Assert.All(results.Where(code => code != StatusCode.OK), code => Assert.Contains(code, new[] { StatusCode.Aborted, StatusCode.FailedPrecondition }));
        Assert.Equal(2, await api.ScalarAsync("SELECT count(*) FROM items WHERE id = @p0 OR series_id = @p0", Guid.Parse(task.Id)));
        Assert.Single(await InstancesAsync(task.Id), i => i.Status == ItemStatus.Open);
    }

    [Fact]
    public async Task When_the_due_time_passes_two_rollers_at_once_plan_exactly_one_next_of_the_same_type_and_leave_the_missed_one_open_and_overdue()
    {
        var taskType = (await new ActivityTypes.ActivityTypesClient(api.Grpc(People.Boris)).ListActivityTypesAsync(new ListActivityTypesRequest(), cancellationToken: Ct))
            .Types_.Single(t => t.Code == "task").Id;
        var task = await WeeklyTaskAsync(edit: r => r.ActivityTypeId = taskType);
        var roller = api.Services.GetRequiredService<RecurringTaskRoller>();
        var start = api.Clock.Now;
        try
        {
            Assert.Equal(0, await roller.RollDueAsync(Ct));
            api.Clock.Now = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

            var rolled = await Task.WhenAll(roller.RollDueAsync(Ct), roller.RollDueAsync(Ct));
            Assert.Equal(0, await roller.RollDueAsync(Ct));
            await api.Services.GetRequiredService<CrmSuite.Scheduling.Api.Overdue.OverdueJob>().MarkDueAsync(Ct);

            Assert.True(rolled.Sum() >= 1);
            var instances = await InstancesAsync(task.Id);
            Assert.Equal([("2026-03-02T10:00", ItemStatus.Open, "", true), ("2026-03-09T10:00", ItemStatus.Open, "FREQ=WEEKLY;BYDAY=MO", false)],
                instances.Select(i => (i.Start, i.Status, i.Recurrence, i.Overdue)));
            Assert.All(instances, i => Assert.Equal(taskType, i.ActivityTypeId));
            Assert.Equal(1, await OverdueJobTests.OverdueEventsAsync(api, task.Id));
            Assert.Single(await api.AuditAsync("scheduling.task.missed", task.Id));
        }
        finally
        {
            api.Clock.Now = start;
        }
    }
}
