using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using static CrmSuite.ReliabilityTests.KillTestKit;

namespace CrmSuite.ReliabilityTests;

/// <summary>
/// Business processes survive crashes: a published process (task → 1-second timer → task) is
/// started hundreds of times, by hand through the gRPC API and by "lead captured" events through
/// the inbox, while the scheduling service is SIGKILLed and restarted again and again; its tasks
/// are completed through the API as they appear. Afterwards every instance is completed and has
/// each step exactly once: one task per user task, one fired timer, one log line each — nothing
/// created twice, nothing skipped, nothing stuck. The engine runs on the real clock.
/// </summary>
public sealed class ProcessKillTest
{
    private const int Kills = 4;
    private const int Writers = 3;
    private const int StartsPerWriter = 50;
    private const int Leads = 60;
    private static readonly TimeSpan BetweenKills = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan WritingLimit = TimeSpan.FromSeconds(90);

    /// <summary>Every element an instance passes through once, after one of its two start events.</summary>
    private static readonly string[] Path = ["Task_Call", "Timer_Wait", "Task_FollowUp", "End_Done"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Failed start calls by status, shown when the load did not run.</summary>
    private readonly ConcurrentDictionary<string, int> _startFailures = new();

    private void Failed(RpcException e) => _startFailures.AddOrUpdate(e.StatusCode + ": " + e.Status.Detail[..Math.Min(80, e.Status.Detail.Length)], 1, (_, n) => n + 1);

    private static readonly TestUser Designer = TestUser.Director with
    {
        Granted = [.. TestUser.Director.Granted, Permissions.ProcessesDesign, Permissions.SchedulingRead, Permissions.SchedulingWrite],
    };

    private static readonly TestUser[] Starters = [.. new[] { TestUser.ManagerAnna, TestUser.ManagerBoris, TestUser.ManagerOleg }
        .Select(u => u with { Granted = [.. u.Granted, Permissions.SchedulingRead, Permissions.SchedulingWrite] })];

    [Fact]
    public async Task Every_instance_completes_with_each_step_exactly_once_while_the_scheduling_service_is_killed_again_and_again()
    {
        var postgres = await PostgresServer.SharedAsync();
        var db = await postgres.CreateDatabaseAsync("process_kill");
        await using var issuer = await TestIssuer.StartAsync();
        var identity = new Dictionary<string, string>
        {
            ["Identity__Issuer"] = TestTokens.Issuer,
            ["Identity__InternalUrl"] = issuer.Url.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var schedulingDll = ServiceProcess.BuiltDll("services/Scheduling/CrmSuite.Scheduling.Api", "CrmSuite.Scheduling.Api");
        var pubsubDll = ServiceProcess.BuiltDll("AppHost/CrmSuite.PubSubEmulator", "CrmSuite.PubSubEmulator");
        await using (var migrate = new ServiceProcess(schedulingDll, With(identity, ("ConnectionStrings__schedulingdb", db)), "migrate"))
        {
            await migrate.RunToCompletionAsync(TimeSpan.FromMinutes(2));
        }

        // The sidecar stand-in with no subscribers: the relay publishes the audit and task events and moves on.
        var (pubsubHttp, pubsubGrpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        var (http, grpc) = (PostgresServer.FreePort(), PostgresServer.FreePort());
        await using var pubsub = new ServiceProcess(pubsubDll, With(identity,
            ("Kestrel__Endpoints__http__Url", $"http://127.0.0.1:{pubsubHttp}"),
            ("Kestrel__Endpoints__grpc__Url", $"http://127.0.0.1:{pubsubGrpc}")));
        await using var scheduling = new ServiceProcess(schedulingDll, With(identity,
            ("ConnectionStrings__schedulingdb", db),
            ("DAPR_HTTP_ENDPOINT", $"http://127.0.0.1:{pubsubHttp}"),
            ("DAPR_GRPC_ENDPOINT", $"http://127.0.0.1:{pubsubGrpc}"),
            // No instance here has a client record, so the clients service is never called.
            ("Clients__GrpcAddress", "http://127.0.0.1:1"),
            ("Scheduling__Channels__PublicBaseUrl", "http://127.0.0.1:1"),
            // Four claiming loops instead of two: more steps of the same instances in flight at once.
            ("Scheduling__Processes__Workers", "4"),
            ("Kestrel__Endpoints__http__Url", $"http://127.0.0.1:{http}"),
            ("Kestrel__Endpoints__grpc__Url", $"http://127.0.0.1:{grpc}")));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var health = new Uri($"http://127.0.0.1:{http}/health");
        pubsub.Start();
        scheduling.Start();
        await pubsub.WaitHealthyAsync(probe, new Uri($"http://127.0.0.1:{pubsubHttp}/health"), Healthy);
        await scheduling.WaitHealthyAsync(probe, health, Healthy);

        // Reconnect quickly after a restart (the default backoff grows to two minutes: the load would stall).
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpc}", new GrpcChannelOptions
        {
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100), MaxReconnectBackoff = TimeSpan.FromMilliseconds(500),
        });
        var processId = await PublishAsync(new Processes.ProcessesClient(channel));

        // The load: writers start instances by hand, a "sidecar" delivers lead events (and now and
        // then delivers one again, as Dapr may), and a completer completes the tasks that appear,
        // as their assignees. Failures (the service is down) are retried; what committed is read
        // from the database at the end, not from the answers.
        var acknowledged = new ConcurrentBag<string>();
        var deliveredLeads = new ConcurrentBag<Guid>();
        var failures = 0;
        var redeliveries = 0;
        var completions = 0;
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var stopCompleting = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var writers = Starters.Take(Writers).Select(user => Task.Run(() => StartByHandAsync(channel, processId, user, acknowledged, e => { Interlocked.Increment(ref failures); Failed(e); }, stopWriting.Token), Ct))
            .Append(Task.Run(async () =>
            {
                using var sidecar = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}"), Timeout = TimeSpan.FromSeconds(5) };
                for (var n = 0; n < Leads && !stopWriting.IsCancellationRequested; n++)
                {
                    var lead = Guid.NewGuid();
                    var eventId = Guid.NewGuid().ToString();
                    var delivered = false;
                    while (!stopWriting.IsCancellationRequested && !(delivered = await DeliverAsync(sidecar, lead, eventId, stopWriting.Token)))
                    {
                        Interlocked.Increment(ref failures);
                        await Pause(stopWriting.Token);
                    }
                    if (!delivered)
                    {
                        break;
                    }
                    deliveredLeads.Add(lead);
                    if (n % 10 == 0)
                    {
                        // The same event again, and the same lead in an event with a new id: neither starts a second instance.
                        redeliveries += await DeliverAsync(sidecar, lead, eventId, stopWriting.Token) ? 1 : 0;
                        redeliveries += await DeliverAsync(sidecar, lead, Guid.NewGuid().ToString(), stopWriting.Token) ? 1 : 0;
                    }
                }
            }, Ct))
            .ToArray();
        var completer = Task.Run(() => CompleteTasksAsync(channel, db, () => Interlocked.Increment(ref completions), () => Interlocked.Increment(ref failures), stopCompleting.Token), Ct);

        var watch = Stopwatch.StartNew();
        for (var kill = 1; kill <= Kills; kill++)
        {
            await Task.Delay(BetweenKills, Ct);
            scheduling.Kill();
            await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
            scheduling.Start();
            await scheduling.WaitHealthyAsync(probe, health, Healthy);
        }
        // The writers finish their quota (the service is up again now); a stall ends the writing anyway.
        stopWriting.CancelAfter(WritingLimit);
        await Task.WhenAll(writers);
        var loadTime = watch.Elapsed;

        // The rest runs out: timers fire, tasks appear and are completed, until no instance is running.
        var settled = await WaitUntilAsync(async () => await ScalarAsync(db, "SELECT count(*) FROM process_instances WHERE state = 1") == 0, Drain);
        await stopCompleting.CancelAsync();
        await completer;
        var total = watch.Elapsed;

        var figures = await FiguresAsync(db);
        var lostStarts = acknowledged.Count(id => !figures.InstanceIds.Contains(id));
        var instancesPerLead = figures.LeadInstances;
        var lostLeads = deliveredLeads.Count(lead => !instancesPerLead.ContainsKey(lead));
        var duplicateLeads = instancesPerLead.Values.Sum(count => count - 1);
        var duplicates = figures.DuplicateSteps + figures.DuplicateTasks + figures.DuplicateTimers + figures.DuplicateLogLines + duplicateLeads;
        var lost = figures.MissingSteps + figures.MissingTasks + figures.MissingTimers + figures.MissingLogLines + lostStarts + lostLeads;

        TestReport.Print($"Process kill test: {Kills} SIGKILLs of the scheduling service in {loadTime.TotalSeconds:F0} s of load, all settled after {total.TotalSeconds:F0} s; "
            + $"instances {figures.Instances} ({acknowledged.Count} started by hand and acknowledged, {deliveredLeads.Count} leads delivered + {redeliveries} redeliveries), "
            + $"steps {figures.Steps}, tasks {figures.Tasks} ({completions} completed through the API), timers fired {figures.TimersFired} (lateness max {figures.MaxLateness.TotalSeconds:F1} s), "
            + $"failed/unanswered calls {failures}; duplicates = {duplicates}, lost = {lost}, stuck = {figures.Stuck}, failed instances = {figures.Failed}.");

        var backlog = settled ? 0 : await ScalarAsync(db, "SELECT count(*) FROM process_timers WHERE status = 1 AND due_at < now()");
        Assert.True(settled, $"{figures.Stuck} instance(s) still running {Drain.TotalSeconds:F0} s after the load; engine rows due and not run: {backlog}.\n{scheduling.Output}");
        Assert.True(figures.Instances >= 200, $"Only {figures.Instances} instances ran: the load did not run. Failed starts:\n{string.Join('\n', _startFailures.Select(f => $"{f.Value} × {f.Key}"))}\n{scheduling.Output}");
        Assert.True(failures > 0, "No call failed: the kills did not hit the load.");
        Assert.Equal(0, figures.Failed);
        Assert.Equal(0, figures.Stuck);
        Assert.Equal(0, lostStarts);
        Assert.Equal(0, lostLeads);
        Assert.Equal(0, duplicateLeads);
        Assert.Equal(0, figures.DuplicateSteps);
        Assert.Equal(0, figures.MissingSteps);
        Assert.Equal(0, figures.DuplicateTasks);
        Assert.Equal(0, figures.MissingTasks);
        Assert.Equal(0, figures.DuplicateTimers);
        Assert.Equal(0, figures.MissingTimers);
        Assert.Equal(0, figures.DuplicateLogLines);
        Assert.Equal(0, figures.MissingLogLines);
    }

    /// <summary>The process, drawn as a person would save it, created and published through the API.</summary>
    private static async Task<string> PublishAsync(Processes.ProcessesClient processes)
    {
        var headers = Bearer(Designer);
        var process = await processes.CreateProcessAsync(new ProcessDraftInput { Name = "Kill test", Xml = Bpmn }, headers, cancellationToken: Ct);
        Assert.Empty(process.DraftProblems);
        await processes.PublishProcessAsync(new PublishProcessRequest { Id = process.Id, Version = process.Version }, headers, cancellationToken: Ct);
        return process.Id;
    }

    private static async Task StartByHandAsync(GrpcChannel channel, string processId, TestUser user, ConcurrentBag<string> acknowledged, Action<RpcException> failed,
        CancellationToken stop)
    {
        var processes = new Processes.ProcessesClient(channel);
        var headers = Bearer(user);
        var started = 0;
        while (started < StartsPerWriter && !stop.IsCancellationRequested)
        {
            try
            {
                // Waits for the channel while the service restarts, instead of failing at once.
                var call = new CallOptions(headers, DateTime.UtcNow.AddSeconds(15), stop).WithWaitForReady();
                var instance = await processes.StartProcessAsync(new StartProcessRequest { Id = processId }, call);
                acknowledged.Add(instance.Id);
                started++;
            }
            catch (RpcException e) when (!stop.IsCancellationRequested)
            {
                failed(e);
                await Pause(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException)
            {
                break;
            }
        }
    }

    /// <summary>Posts a lead-captured event as the Dapr sidecar does; true when the service answered SUCCESS.</summary>
    private static async Task<bool> DeliverAsync(HttpClient sidecar, Guid lead, string eventId, CancellationToken stop)
    {
        var envelope = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["specversion"] = "1.0", ["id"] = eventId, ["source"] = "clients", ["type"] = "com.dapr.event.sent", ["datacontenttype"] = "application/json",
            ["data"] = new
            {
                leadId = lead, source = "web-form", ownerUserId = Starters[^1].Id, teamId = (string?)null, formId = (Guid?)null,
                region = "Москва", tags = Array.Empty<string>(), occurredAt = DateTimeOffset.UtcNow,
            },
        });
        try
        {
            using var content = new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json");
            using var response = await sidecar.PostAsync("/events/processes/lead-captured", content, stop);
            return response.IsSuccessStatusCode
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop)).RootElement.GetProperty("status").GetString() == "SUCCESS";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // Killed mid-call or stopped: not acknowledged, so (as Dapr would) it is delivered again, or counted as not delivered.
            return false;
        }
    }

    /// <summary>
    /// Completes, through the Items API and as its assignee, every task a process is waiting on.
    /// The database only says which tasks are open; reading and completing go through the service.
    /// </summary>
    private static async Task CompleteTasksAsync(GrpcChannel channel, string db, Action completed, Action failed, CancellationToken stop)
    {
        var items = new Items.ItemsClient(channel);
        var people = Starters.ToDictionary(u => u.Id, u => Bearer(u));
        while (!stop.IsCancellationRequested)
        {
            List<(string Id, string Assignee)> open;
            try
            {
                open = await OpenTasksAsync(db, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = CancellationToken.None }, async (task, _) =>
            {
                try
                {
                    var call = new CallOptions(people[task.Assignee], DateTime.UtcNow.AddSeconds(15), stop).WithWaitForReady();
                    var item = await items.GetItemAsync(new GetItemRequest { Id = task.Id }, call);
                    await items.CompleteItemAsync(new CompleteItemRequest { Id = item.Id, Version = item.Version, Result = "Done" }, call);
                    completed();
                }
                catch (RpcException) when (!stop.IsCancellationRequested)
                {
                    // Killed mid-call, or completed by an earlier call whose answer was lost: the next round reads the database again.
                    failed();
                }
                catch (Exception e) when (e is OperationCanceledException or RpcException)
                {
                }
            });
            await Pause(stop);
        }
    }

    private static async Task<List<(string Id, string Assignee)>> OpenTasksAsync(string db, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(stop);
        await using var command = new NpgsqlCommand(
            "SELECT i.id::text, i.assignee_user_id FROM process_tokens t JOIN items i ON i.id = t.task_item_id WHERE t.state = 2 AND i.status <> 3 LIMIT 200", connection);
        await using var reader = await command.ExecuteReaderAsync(stop);
        var open = new List<(string, string)>();
        while (await reader.ReadAsync(stop))
        {
            open.Add((reader.GetString(0), reader.GetString(1)));
        }
        return open;
    }

    private sealed record Figures(
        int Instances, HashSet<string> InstanceIds, Dictionary<Guid, int> LeadInstances, int Stuck, int Failed,
        long Steps, int DuplicateSteps, int MissingSteps, long Tasks, int DuplicateTasks, int MissingTasks,
        long TimersFired, int DuplicateTimers, int MissingTimers, int DuplicateLogLines, int MissingLogLines, TimeSpan MaxLateness);

    /// <summary>What the database says each instance went through, element by element.</summary>
    private static async Task<Figures> FiguresAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(Ct);
        var ids = new HashSet<string>();
        var leads = new Dictionary<Guid, int>();
        int stuck = 0, failed = 0;
        await using (var command = new NpgsqlCommand("SELECT id::text, state, lead_id FROM process_instances", connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                ids.Add(reader.GetString(0));
                stuck += reader.GetInt16(1) == 1 ? 1 : 0;
                failed += reader.GetInt16(1) == 4 ? 1 : 0;
                if (!reader.IsDBNull(2))
                {
                    leads[reader.GetGuid(2)] = leads.GetValueOrDefault(reader.GetGuid(2)) + 1;
                }
            }
        }
        async Task<long> Count(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("path", Path);
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        // Per instance and element: 0 is a skipped step, more than 1 a repeated one.
        const string PerElement = "FROM process_instances i CROSS JOIN unnest(@path::text[]) AS e(element_id) LEFT JOIN LATERAL ({0}) x ON true";
        async Task<(int Duplicate, int Missing)> Once(string perElement)
        {
            var from = string.Format(System.Globalization.CultureInfo.InvariantCulture, PerElement, perElement);
            return ((int)await Count($"SELECT coalesce(sum(greatest(x.n - 1, 0)), 0) {from}"), (int)await Count($"SELECT count(*) FILTER (WHERE x.n = 0) {from}"));
        }
        var steps = await Once("SELECT count(*) AS n FROM process_steps s WHERE s.instance_id = i.id AND s.element_id = e.element_id AND s.state = 1");
        var startSteps = await Count("SELECT count(*) FROM process_instances i WHERE (SELECT count(*) FROM process_steps s WHERE s.instance_id = i.id AND s.element_id LIKE 'Start%') <> 1");
        var tasks = await Once("SELECT count(*) AS n FROM process_tokens t JOIN items it ON it.id = t.task_item_id WHERE t.instance_id = i.id AND t.element_id = e.element_id "
            + "HAVING e.element_id LIKE 'Task%'");
        var orphanTasks = await Count("SELECT count(*) FROM items it WHERE NOT EXISTS (SELECT 1 FROM process_tokens t WHERE t.task_item_id = it.id)");
        var timers = await Once("SELECT count(*) AS n FROM process_timers t WHERE t.instance_id = i.id AND t.element_id = e.element_id AND t.kind = 2 AND t.status = 2 "
            + "HAVING e.element_id LIKE 'Timer%'");
        var logLines = await Once("SELECT count(*) AS n FROM process_log l WHERE l.instance_id = i.id AND l.element_id = e.element_id "
            + "AND (l.text_en LIKE 'Task “%” created for %' OR l.text_en LIKE 'Timer “%” fired') HAVING e.element_id LIKE 'T%'");
        var maxLateness = await Count("SELECT coalesce(max(extract(epoch FROM fired_at - due_at) * 1000), 0)::bigint FROM process_timers WHERE kind = 2 AND status = 2");
        return new Figures(ids.Count, ids, leads, stuck, failed,
            await Count("SELECT count(*) FROM process_steps"), steps.Duplicate, steps.Missing + (int)startSteps,
            await Count("SELECT count(*) FROM items"), tasks.Duplicate + (int)orphanTasks, tasks.Missing,
            await Count("SELECT count(*) FROM process_timers WHERE kind = 2 AND status = 2"), timers.Duplicate, timers.Missing,
            logLines.Duplicate, logLines.Missing, TimeSpan.FromMilliseconds(maxLateness));
    }

    private static Metadata Bearer(TestUser user) => new() { { "authorization", $"Bearer {TestTokens.For(user, TimeSpan.FromHours(1))}" } };

    private static Task Pause(CancellationToken stop) => Task.Delay(200, stop).ContinueWith(_ => { }, TaskScheduler.Default);

    private static Task<long> ScalarAsync(string db, string sql) => OutboxReader.ScalarAsync(db, sql, [], Ct);

    /// <summary>
    /// Two ways in (by hand; a lead captured), a call task, a one-second wait, a follow-up task, the end.
    /// The tasks are due tomorrow, so no late alert interferes.
    /// </summary>
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:crm="http://crmsuite.dev/schema/bpmn/1.0" id="Definitions_Kill" targetNamespace="http://crmsuite.dev/processes">
          <bpmn:message id="Message_Lead" name="lead.created" />
          <bpmn:process id="Process_Kill" name="Kill test" isExecutable="true">
            <bpmn:startEvent id="Start_ByHand" name="By hand"><bpmn:outgoing>Flow_Hand</bpmn:outgoing></bpmn:startEvent>
            <bpmn:startEvent id="Start_Lead" name="Lead created">
              <bpmn:outgoing>Flow_Lead</bpmn:outgoing>
              <bpmn:messageEventDefinition id="Def_Lead" messageRef="Message_Lead" />
            </bpmn:startEvent>
            <bpmn:userTask id="Task_Call" name="Call" crm:assignee="owner" crm:dueIn="P1D">
              <bpmn:incoming>Flow_Hand</bpmn:incoming><bpmn:incoming>Flow_Lead</bpmn:incoming><bpmn:outgoing>Flow_Wait</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:intermediateCatchEvent id="Timer_Wait" name="One second">
              <bpmn:incoming>Flow_Wait</bpmn:incoming><bpmn:outgoing>Flow_Follow</bpmn:outgoing>
              <bpmn:timerEventDefinition id="Def_Wait"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:userTask id="Task_FollowUp" name="Follow up" crm:assignee="owner" crm:dueIn="P1D">
              <bpmn:incoming>Flow_Follow</bpmn:incoming><bpmn:outgoing>Flow_End</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:endEvent id="End_Done" name="Done"><bpmn:incoming>Flow_End</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_Hand" sourceRef="Start_ByHand" targetRef="Task_Call" />
            <bpmn:sequenceFlow id="Flow_Lead" sourceRef="Start_Lead" targetRef="Task_Call" />
            <bpmn:sequenceFlow id="Flow_Wait" sourceRef="Task_Call" targetRef="Timer_Wait" />
            <bpmn:sequenceFlow id="Flow_Follow" sourceRef="Timer_Wait" targetRef="Task_FollowUp" />
            <bpmn:sequenceFlow id="Flow_End" sourceRef="Task_FollowUp" targetRef="End_Done" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
