using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Contracts;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>The engine on the real PostgreSQL, element by element, through the real gRPC stack.</summary>
public sealed class ProcessEngineTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private readonly ProcessTestKit _kit = new(api);

    [Fact]
    public async Task A_user_task_becomes_the_record_owners_task_and_completing_it_completes_the_instance_once()
    {
        var (company, _, _) = await api.ClientAsync(People.Anna);
        var process = await _kit.PublishAsync(new Drawing("Звонок").Start().Task("call", "Позвонить клиенту", dueIn: "PT1H").End()
            .Flow("start", "call").Flow("call", "end"));

        var instance = await _kit.StartAsync(People.Anna, process, company);
        await _kit.RunAsync();

        var task = await _kit.TaskAsync(instance.Id, "call", People.Anna);
        Assert.Equal("Позвонить клиенту", task.Title);
        Assert.Equal(People.Anna.Id, task.AssigneeUserId);
        Assert.Equal(company, task.CompanyId);
        Assert.Equal(TestClock.Start.AddHours(1), task.StartsAt.ToDateTimeOffset());
        Assert.Equal(ProcessInstanceState.Running, (await _kit.DetailAsync(instance.Id)).Instance.State);

        // The step replayed (a redelivery of its row): still one task.
        await api.ScalarAsync("UPDATE process_timers SET status = 1 WHERE instance_id = @p0::uuid AND kind = 1", instance.Id);
        await _kit.RunAsync();
        Assert.Equal(1, await _kit.TasksAsync(instance.Id));

        await _kit.CompleteAsync(instance.Id, "call", People.Anna, "Договорились о встрече");
        await _kit.RunAsync();

        var detail = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, detail.Instance.State);
        Assert.Equal("Договорились о встрече", detail.Variables["call_result"]);
        Assert.All(detail.Elements, e => Assert.Equal(ProcessElementState.Done, e.State));
        Assert.Contains(detail.Log, l => l.Text.Contains("Позвонить клиенту", StringComparison.Ordinal) && l.ElementId == "call");
        Assert.Equal(3, await _kit.StepsAsync(instance.Id));
        Assert.Equal(1, await _kit.TasksAsync(instance.Id));
    }

    [Fact]
    public async Task A_parallel_fork_runs_both_branches_and_the_join_waits_for_both()
    {
        var process = await _kit.PublishAsync(new Drawing("Параллельно").Start()
            .Node(new ParallelGateway { Id = "fork", Name = "fork" }).Task("offer", "Отправить КП").Task("check", "Проверить оплату")
            .Node(new ParallelGateway { Id = "join", Name = "join" }).End()
            .Flow("start", "fork").Flow("fork", "offer").Flow("fork", "check").Flow("offer", "join").Flow("check", "join").Flow("join", "end"));
        var instance = await _kit.StartAsync(People.Boris, process);
        await _kit.RunAsync();
        Assert.Equal(2, await _kit.TasksAsync(instance.Id));

        await _kit.CompleteAsync(instance.Id, "offer", People.Boris);
        await _kit.RunAsync();
        var halfway = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Running, halfway.Instance.State);
        Assert.Equal(ProcessElementState.Active, halfway.Elements.Single(e => e.ElementId == "join").State);
        Assert.Equal(0, await _kit.StepsAsync(instance.Id, "end"));

        await _kit.CompleteAsync(instance.Id, "check", People.Boris);
        await _kit.RunAsync();
        Assert.Equal(ProcessInstanceState.Completed, (await _kit.DetailAsync(instance.Id)).Instance.State);
        Assert.Equal(1, await _kit.StepsAsync(instance.Id, "join"));
        Assert.Equal(1, await _kit.StepsAsync(instance.Id, "end"));
    }

    [Fact]
    public async Task An_exclusive_gateway_follows_the_condition_that_holds_in_decimals_and_fails_clearly_when_none_does()
    {
        var process = await _kit.PublishAsync(new Drawing("Сумма").Start().Node(new ExclusiveGateway { Id = "big", Name = "Крупная?" })
            .Task("director", "Согласовать с директором").End().End("small")
            .Flow("start", "big").Flow("big", "director", "amount > 150000.00").Flow("big", "small", "amount <= 1000").Flow("director", "end"));

        var large = await _kit.StartAsync(People.Anna, process, null, ("amount", "150000.01"));
        var none = await _kit.StartAsync(People.Anna, process, null, ("amount", "5000"));
        await _kit.RunAsync();

        Assert.Equal(1, await _kit.TasksAsync(large.Id));
        var failed = await _kit.DetailAsync(none.Id);
        Assert.Equal(ProcessInstanceState.Failed, failed.Instance.State);
        Assert.Equal(ProcessElementState.Failed, failed.Elements.Single(e => e.ElementId == "big").State);
        Assert.Contains(failed.Log, l => l.Error && l.ElementId == "big" && l.Text.Contains("Ни одно условие не выполнено", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Steps_drawn_without_names_are_shown_by_their_kind_and_a_decision_names_where_it_went_never_a_diagram_id()
    {
        // As bpmn.io draws them: no names, so the compiler names each element and flow by its id.
        var process = await _kit.PublishAsync(new Drawing("Без имён").Start().Node(new ExclusiveGateway { Id = "Gateway_0x7k2", Name = "Gateway_0x7k2" })
            .Node(new UserTask { Id = "Activity_1m9q", Name = "Activity_1m9q", Assignee = "owner" }).End()
            .Flow("start", "Gateway_0x7k2").Flow("Gateway_0x7k2", "Activity_1m9q", id: "Flow_04hd").Flow("Activity_1m9q", "end"));

        var instance = await _kit.StartAsync(People.Anna, process);
        await _kit.RunAsync();

        Assert.Equal("Задача", (await _kit.TaskAsync(instance.Id, "Activity_1m9q", People.Anna)).Title);
        var detail = await _kit.DetailAsync(instance.Id);
        var decision = Assert.Single(detail.Log, l => l.ElementId == "Gateway_0x7k2");
        Assert.Equal(("Решение", "Дальше — «Задача»"), (decision.ElementName, decision.Text));
        Assert.Equal("Задача", Assert.Single(detail.Log, l => l.ElementId == "Activity_1m9q").ElementName);
        Assert.DoesNotContain(detail.Log, l => l.Text.Contains("Flow_04hd", StringComparison.Ordinal) || l.Text.Contains("Activity_1m9q", StringComparison.Ordinal)
            || l.ElementName.Contains('_', StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_intermediate_timer_waits_for_the_engines_clock_and_a_late_task_alerts_the_process_owner()
    {
        var process = await _kit.PublishAsync(new Drawing("Пауза").Start()
            .Node(new IntermediateTimer { Id = "wait", Name = "3 дня", Timer = new TimerSpec { Duration = "P3D" } })
            .Task("follow", "Повторный звонок", dueIn: "PT2H").End().Flow("start", "wait").Flow("wait", "follow").Flow("follow", "end"));
        var instance = await _kit.StartAsync(People.Oleg, process);
        await _kit.RunAsync();
        Assert.Equal(0, await _kit.TasksAsync(instance.Id));

        api.Clock.Now = TestClock.Start.AddDays(3).AddMinutes(-1);
        await _kit.RunAsync();
        Assert.Equal(0, await _kit.TasksAsync(instance.Id));

        api.Clock.Now = TestClock.Start.AddDays(3);
        await _kit.RunAsync();
        Assert.Equal(1, await _kit.TasksAsync(instance.Id));

        api.Clock.Now = TestClock.Start.AddDays(3).AddHours(3);
        await _kit.RunAsync();
        var detail = await _kit.DetailAsync(instance.Id);
        Assert.True(detail.Instance.Late);
        Assert.Equal(ProcessElementState.Late, detail.Elements.Single(e => e.ElementId == "follow").State);
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM notifications WHERE user_id = @p0 AND kind = 5 AND title LIKE '%Повторный звонок%'", ProcessTestKit.Designer.Id));
        api.Clock.Now = TestClock.Start;
    }

    [Fact]
    public async Task Boundary_timers_notify_the_owner_and_assignee_or_cancel_the_task_and_follow_their_flow()
    {
        var notify = await _kit.PublishAsync(new Drawing("Напомнить").Start().Task("call", "Перезвонить").End()
            .Node(new BoundaryTimer { Id = "late", Name = "1 час", AttachedTo = "call", Timer = new TimerSpec { Duration = "PT1H" }, OnLate = "notify" })
            .Flow("start", "call").Flow("call", "end"));
        var interrupt = await _kit.PublishAsync(new Drawing("Прервать").Start().Task("call", "Перезвонить срочно").End().End("gaveUp")
            .Node(new BoundaryTimer { Id = "stop", Name = "2 часа", AttachedTo = "call", Timer = new TimerSpec { Duration = "PT2H" }, Interrupting = true })
            .Flow("start", "call").Flow("call", "end").Flow("stop", "gaveUp"));
        var notified = await _kit.StartAsync(People.Boris, notify);
        var interrupted = await _kit.StartAsync(People.Boris, interrupt);
        await _kit.RunAsync();

        api.Clock.Now = TestClock.Start.AddHours(2);
        await _kit.RunAsync();

        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM notifications WHERE user_id = @p0 AND kind = 5 AND title LIKE '%Перезвонить»%'", People.Boris.Id));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM notifications WHERE user_id = @p0 AND kind = 5 AND title LIKE '%Перезвонить»%'", ProcessTestKit.Designer.Id));
        Assert.Equal(ProcessInstanceState.Running, (await _kit.DetailAsync(notified.Id)).Instance.State);

        var stopped = await _kit.DetailAsync(interrupted.Id);
        Assert.Equal(ProcessInstanceState.Completed, stopped.Instance.State);
        Assert.Equal(ItemStatus.Cancelled, (await _kit.TaskAsync(interrupted.Id, "call", People.Boris)).Status);
        Assert.Equal(1, await _kit.StepsAsync(interrupted.Id, "gaveUp"));
        Assert.Equal(0, await _kit.StepsAsync(interrupted.Id, "end"));
        api.Clock.Now = TestClock.Start;
    }

    [Fact]
    public async Task A_cycle_timer_start_starts_one_instance_per_run_when_the_clock_reaches_it_and_stops_after_its_repetitions()
    {
        try
        {
            var process = await _kit.PublishAsync(new Drawing("Ежедневно")
                .Start(trigger: TriggerKind.Timer, timer: new TimerSpec { Cycle = "R3/2026-03-02T09:00:00Z/P1D" }).End().Flow("start", "end"), "Утренний обзвон");
            await _kit.RunAsync();
            api.Clock.Now = new DateTimeOffset(2026, 3, 2, 8, 59, 0, TimeSpan.Zero);
            await _kit.RunAsync();
            Assert.Empty(await InstancesAsync(process));

            // Two engines (replicas) at the same moment: the run starts one instance.
            api.Clock.Now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
            await Task.WhenAll(_kit.RunAsync(), _kit.RunAsync());
            await _kit.RunAsync();
            var first = Assert.Single(await InstancesAsync(process));
            Assert.Equal("По таймеру", first.StartedBy);
            Assert.Equal(ProcessInstanceState.Completed, first.State);

            api.Clock.Now = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);
            await Task.WhenAll(_kit.RunAsync(), _kit.RunAsync());
            Assert.Equal(2, (await InstancesAsync(process)).Count);

            api.Clock.Now = new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);
            await _kit.RunAsync();
            api.Clock.Now = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
            await _kit.RunAsync();
            var all = await InstancesAsync(process);
            Assert.Equal(3, all.Count);
            Assert.All(all, i => Assert.Equal("По таймеру", i.StartedBy));
        }
        finally
        {
            api.Clock.Now = TestClock.Start;
        }
    }

    [Fact]
    public async Task A_date_timer_start_starts_one_instance_on_that_date()
    {
        try
        {
            var process = await _kit.PublishAsync(new Drawing("Однажды")
                .Start(trigger: TriggerKind.Timer, timer: new TimerSpec { Date = new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero) }).End().Flow("start", "end"),
                "Разовая рассылка");
            api.Clock.Now = new DateTimeOffset(2026, 3, 5, 9, 59, 0, TimeSpan.Zero);
            await _kit.RunAsync();
            Assert.Empty(await InstancesAsync(process));

            api.Clock.Now = new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero);
            await Task.WhenAll(_kit.RunAsync(), _kit.RunAsync());
            api.Clock.Now = new DateTimeOffset(2026, 4, 5, 10, 0, 0, TimeSpan.Zero);
            await _kit.RunAsync();

            var instance = Assert.Single(await InstancesAsync(process));
            Assert.Equal("По таймеру", instance.StartedBy);
        }
        finally
        {
            api.Clock.Now = TestClock.Start;
        }
    }

    [Fact]
    public async Task An_escalating_boundary_timer_tells_the_assignees_team_head_and_makes_them_a_watcher_while_the_task_stays_open()
    {
        var at = DateTimeOffset.UtcNow;
        var head = OverdueJobTests.Person("proc-esc-head", "Глава продаж");
        var member = OverdueJobTests.Person("proc-esc-member", "Мария Петрова");
        await OverdueTeamTests.AnnouncePersonAsync(api, head.Id, head.Name, [], ["proc-esc-team"], at);
        await OverdueTeamTests.AnnouncePersonAsync(api, member.Id, member.Name, ["proc-esc-team"], [], at);
        var process = await _kit.PublishAsync(new Drawing("Эскалация").Start().Task("call", "Позвонить по заявке", assignee: $"person:{member.Id}").End()
            .Node(new BoundaryTimer { Id = "late", Name = "4 часа", AttachedTo = "call", Timer = new TimerSpec { Duration = "PT4H" }, OnLate = "escalate" })
            .Flow("start", "call").Flow("call", "end"), "Входящие заявки");
        var instance = await _kit.StartAsync(People.Anna, process);
        try
        {
            await _kit.RunAsync();
            api.Clock.Now = TestClock.Start.AddHours(4).AddMinutes(-1);
            await _kit.RunAsync();
            Assert.Empty(await OverdueJobTests.NotificationsAsync(api, head));

            api.Clock.Now = TestClock.Start.AddHours(4);
            await _kit.RunAsync();

            var told = Assert.Single(await OverdueJobTests.NotificationsAsync(api, head));
            Assert.Contains("Позвонить по заявке", told.Title, StringComparison.Ordinal);
            Assert.Contains("Мария Петрова", told.Title, StringComparison.Ordinal);
            var task = await _kit.TaskAsync(instance.Id, "call", ProcessTestKit.Designer);
            Assert.Equal(member.Id, task.AssigneeUserId);
            Assert.Contains(head.Id, task.WatcherUserIds);
            Assert.Equal(ItemStatus.Open, task.Status);
            var detail = await _kit.DetailAsync(instance.Id);
            Assert.Equal(ProcessInstanceState.Running, detail.Instance.State);
            Assert.Equal(ProcessElementState.Active, detail.Elements.Single(e => e.ElementId == "call").State);
            Assert.Contains(detail.Log, l => l.ElementId == "late" && l.Text.Contains("Глава продаж", StringComparison.Ordinal));
            Assert.Equal(0, await _kit.StepsAsync(instance.Id, "end"));

            // The head hears once; the assignee finishing the task ends the process.
            api.Clock.Now = TestClock.Start.AddDays(1);
            await _kit.RunAsync();
            Assert.Single(await OverdueJobTests.NotificationsAsync(api, head));
            await _kit.CompleteAsync(instance.Id, "call", member);
            await _kit.RunAsync();
            Assert.Equal(ProcessInstanceState.Completed, (await _kit.DetailAsync(instance.Id)).Instance.State);
        }
        finally
        {
            api.Clock.Now = TestClock.Start;
        }
    }

    private async Task<List<ProcessInstance>> InstancesAsync(string processId) =>
        [.. (await _kit.As(ProcessTestKit.Designer).ListProcessInstancesAsync(new ListProcessInstancesRequest { ProcessId = processId }, cancellationToken: Ct)).Instances];
}
