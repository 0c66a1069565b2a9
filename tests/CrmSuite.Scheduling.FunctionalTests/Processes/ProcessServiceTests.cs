using System.Net;
using System.Net.Http.Json;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>The Processes service: triggers, versions, visibility, cancel and retry, bad input.</summary>
public sealed class ProcessServiceTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private readonly ProcessTestKit _kit = new(api);

    [Fact]
    public async Task The_same_lead_event_delivered_twice_starts_one_instance_of_each_matching_process()
    {
        var process = await _kit.PublishAsync(new Drawing("Лид").Start(trigger: TriggerKind.LeadCreated).Task("call", "Позвонить лиду", dueIn: "PT1H").End()
            .Flow("start", "call").Flow("call", "end"), "Новый лид");
        var leadId = Guid.NewGuid();
        var lead = new { leadId, source = "web-form", ownerUserId = People.Anna.Id, teamId = (string?)null, formId = (Guid?)null, region = "Москва", tags = Array.Empty<string>(), occurredAt = TestClock.Start };

        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/lead-captured", lead, "lead-event-1"));
        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/lead-captured", lead, "lead-event-1"));
        // Published again by the clients' relay under a new id: the same lead still starts it once.
        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/lead-captured", lead, "lead-event-2"));
        await _kit.RunAsync();

        var instances = await _kit.As(People.Anna).ListProcessInstancesAsync(new ListProcessInstancesRequest { ProcessId = process, LeadId = leadId.ToString() }, cancellationToken: Ct);
        var instance = Assert.Single(instances.Instances);
        Assert.Equal("Создан лид", instance.StartedBy);
        Assert.Equal(1, await _kit.TasksAsync(instance.Id));
        Assert.Equal(People.Anna.Id, (await _kit.TaskAsync(instance.Id, "call", People.Anna)).AssigneeUserId);
    }

    [Fact]
    public async Task A_running_instance_stays_on_version_1_after_version_2_is_published()
    {
        var designer = _kit.As(ProcessTestKit.Designer);
        var first = new Drawing("Версии").Start().Task("v1", "Шаг первой версии").End().Flow("start", "v1").Flow("v1", "end");
        var id = await _kit.PublishAsync(first, "Версии");
        var old = await _kit.StartAsync(People.Anna, id);
        await _kit.RunAsync();

        var process = await designer.GetProcessAsync(new GetProcessRequest { Id = id }, cancellationToken: Ct);
        var second = new Drawing("Версии").Start().Task("v2", "Шаг второй версии").End().Flow("start", "v2").Flow("v2", "end").Register();
        process = await designer.SaveProcessDraftAsync(new ProcessDraftInput { Id = id, Version = process.Version, Xml = second }, cancellationToken: Ct);
        Assert.True(process.DraftChanged);
        var published = await designer.PublishProcessAsync(new PublishProcessRequest { Id = id, Version = process.Version }, cancellationToken: Ct);
        Assert.Equal(2, published.Number);

        var fresh = await _kit.StartAsync(People.Anna, id);
        await _kit.RunAsync();
        await _kit.CompleteAsync(old.Id, "v1", People.Anna);
        await _kit.RunAsync();

        Assert.Equal(1, (await _kit.DetailAsync(old.Id)).Instance.VersionNumber);
        Assert.Equal(ProcessInstanceState.Completed, (await _kit.DetailAsync(old.Id)).Instance.State);
        Assert.Equal(2, fresh.VersionNumber);
        Assert.Equal("Шаг второй версии", (await _kit.TaskAsync(fresh.Id, "v2", People.Anna)).Title);
        Assert.Equal(1, (await designer.GetProcessVersionAsync(new GetProcessVersionRequest { ProcessId = id, Number = 1 }, cancellationToken: Ct)).Number);
    }

    [Fact]
    public async Task Another_manager_can_neither_see_an_instance_nor_start_a_process_on_a_record_they_cannot_see()
    {
        var (annasCompany, _, _) = await api.ClientAsync(People.Anna);
        var id = await _kit.PublishAsync(new Drawing("Видимость").Start().Task("call", "Позвонить").End().Flow("start", "call").Flow("call", "end"), "Видимость");
        var annas = await _kit.StartAsync(People.Anna, id, annasCompany);

        var refused = await api.As(People.Boris).Http.PostAsJsonAsync($"/v1/processes/{id}:start", new { record = new { companyId = annasCompany } }, Ct);
        Assert.Equal(["record.companyId"], await BadFieldsAsync(refused));

        var hidden = await Assert.ThrowsAsync<RpcException>(() => _kit.DetailAsync(annas.Id, People.Boris));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.Empty((await _kit.As(People.Boris).ListProcessInstancesAsync(new ListProcessInstancesRequest { ProcessId = id }, cancellationToken: Ct)).Instances);
        Assert.Single((await _kit.As(People.Anna).ListProcessInstancesAsync(new ListProcessInstancesRequest { ProcessId = id }, cancellationToken: Ct)).Instances);
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM process_instances WHERE process_id = @p0::uuid AND started_by_user_id = @p1", id, People.Boris.Id));
    }

    [Fact]
    public async Task Cancelling_an_instance_cancels_its_open_task_and_drops_its_timers()
    {
        var id = await _kit.PublishAsync(new Drawing("Отмена").Start().Task("call", "Позвонить", dueIn: "PT1H").End()
            .Node(new BoundaryTimer { Id = "late", Name = "late", AttachedTo = "call", Timer = new TimerSpec { Duration = "PT30M" } })
            .Flow("start", "call").Flow("call", "end"), "Отмена");
        var instance = await _kit.StartAsync(People.Oleg, id);
        await _kit.RunAsync();

        var cancelled = await _kit.As(People.Oleg).CancelProcessInstanceAsync(new CancelProcessInstanceRequest { Id = instance.Id, Reason = "Клиент отказался" }, cancellationToken: Ct);

        Assert.Equal(ProcessInstanceState.Cancelled, cancelled.State);
        Assert.Equal(ItemStatus.Cancelled, (await _kit.TaskAsync(instance.Id, "call", People.Oleg)).Status);
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM process_timers WHERE instance_id = @p0::uuid AND status = 1", instance.Id));
        Assert.Single(await api.AuditAsync("scheduling.process-instance.cancelled", instance.Id));
        Assert.Contains((await _kit.DetailAsync(instance.Id)).Log, l => l.Text.Contains("Клиент отказался", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_webhook_that_answers_500_fails_the_instance_with_the_reason_and_retry_runs_it_again()
    {
        var answers = new Queue<int>([500, 200]);
        var calls = 0;
        await using var hook = await LoopbackAsync(async http =>
        {
            Interlocked.Increment(ref calls);
            http.Response.StatusCode = answers.Dequeue();
            await http.Response.WriteAsync("ok");
        });
        var id = await _kit.PublishAsync(new Drawing("Вебхук").Start()
            .Node(new ServiceTask { Id = "hook", Name = "Сообщить в ERP", Action = ServiceAction.Webhook, Settings = new Dictionary<string, string> { [CrmBpmn.WebhookUrl] = hook.Url + "/deal" } })
            .End().Flow("start", "hook").Flow("hook", "end"), "Вебхук");
        var instance = await _kit.StartAsync(People.Anna, id);
        await _kit.RunAsync();

        var failed = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Failed, failed.Instance.State);
        Assert.Contains(failed.Log, l => l.Error && l.ElementId == "hook" && l.Text.Contains("500", StringComparison.Ordinal));

        var retried = await _kit.As(People.Anna).RetryProcessInstanceAsync(new RetryProcessInstanceRequest { Id = instance.Id }, cancellationToken: Ct);
        Assert.Equal(ProcessInstanceState.Running, retried.State);
        await _kit.RunAsync();

        Assert.Equal(ProcessInstanceState.Completed, (await _kit.DetailAsync(instance.Id)).Instance.State);
        Assert.Equal(2, calls);
        Assert.Equal(1, await _kit.StepsAsync(instance.Id, "hook"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_400_naming_the_field_and_publishing_names_the_element()
    {
        var designer = api.As(ProcessTestKit.Designer).Http;
        var created = await designer.PostAsJsonAsync("/v1/processes", new { name = "", xml = "" }, Ct);
        Assert.Equal(["name", "xml"], (await BadFieldsAsync(created)).Order());

        var broken = DrawnProcesses.RegisterBroken(new CompileProblem("Gateway_7", "Или", "unsupported_element",
            "An inclusive gateway is not supported", "Включающий шлюз не поддерживается"));
        var draft = await _kit.As(ProcessTestKit.Designer).CreateProcessAsync(new ProcessDraftInput { Name = "Черновик", Xml = broken }, cancellationToken: Ct);
        Assert.Equal("Gateway_7", Assert.Single(draft.DraftProblems).ElementId);
        var publish = await designer.PostAsJsonAsync($"/v1/processes/{draft.Id}:publish", new { version = draft.Version }, Ct);
        Assert.Single(await BadFieldsAsync(publish));
        Assert.Contains("Gateway_7", await publish.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM process_versions WHERE process_id = @p0::uuid", draft.Id));

        var id = await _kit.PublishAsync(new Drawing("Ввод").Start().End().Flow("start", "end"), "Ввод");
        var start = await api.As(People.Anna).Http.PostAsJsonAsync($"/v1/processes/{id}:start",
            new { record = new { companyId = "not-an-id" }, variables = new Dictionary<string, string> { ["1bad"] = "x" } }, Ct);
        Assert.Equal(["record.companyId", "variables.1bad"], (await BadFieldsAsync(start)).Order());

        var notDesigner = await api.As(People.Anna).Http.PostAsJsonAsync("/v1/processes", new { name = "Мой", xml = "<x/>" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notDesigner.StatusCode);
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM process_instances WHERE process_id = @p0::uuid", id));
    }

    private sealed class Loopback(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;
        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    /// <summary>A real HTTP server on a free loopback port.</summary>
    private static async Task<Loopback> LoopbackAsync(RequestDelegate handler)
    {
        // Its own content root: not the scheduling service's appsettings.json (its Kestrel endpoints).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0,
            listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(Ct);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Loopback(app, url);
    }
}

/// <summary>The real compiler behind the service: a built-in template becomes a published process whose lead trigger starts it.</summary>
public sealed class ProcessTemplateTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private readonly ProcessTestKit _kit = new(api);

    [Fact]
    public async Task The_new_lead_template_publishes_and_a_captured_lead_gets_its_call_task()
    {
        var designer = _kit.As(ProcessTestKit.Designer);
        var templates = await designer.ListProcessTemplatesAsync(new ListProcessTemplatesRequest(), cancellationToken: Ct);
        Assert.Equal(3, templates.Templates.Count);
        var process = await designer.CreateProcessAsync(new ProcessDraftInput { Name = "Лиды", TemplateId = "new-lead" }, cancellationToken: Ct);
        Assert.Empty(process.DraftProblems);
        Assert.Contains("Создан лид", process.Triggers);
        var version = await designer.PublishProcessAsync(new PublishProcessRequest { Id = process.Id, Version = process.Version }, cancellationToken: Ct);
        Assert.Equal(1, version.Number);

        var leadId = Guid.NewGuid();
        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/lead-captured",
            new { leadId, source = "web-form", ownerUserId = People.Anna.Id, tags = Array.Empty<string>(), occurredAt = TestClock.Start }, "template-lead-1"));
        await _kit.RunAsync();

        var instance = Assert.Single((await _kit.As(People.Anna).ListProcessInstancesAsync(new ListProcessInstancesRequest { LeadId = leadId.ToString() }, cancellationToken: Ct)).Instances);
        var detail = await _kit.DetailAsync(instance.Id, People.Anna);
        var active = Assert.Single(detail.Elements, e => e.State == ProcessElementState.Active);
        Assert.NotEmpty(active.TaskId);
        Assert.Equal(1, await _kit.TasksAsync(instance.Id));
    }

    [Fact]
    public async Task A_template_takes_the_designer_s_language_and_an_unknown_language_is_400_naming_it_and_creates_nothing()
    {
        var designer = _kit.As(ProcessTestKit.Designer);

        var russian = await designer.CreateProcessAsync(new ProcessDraftInput { Name = "Лиды по-русски", TemplateId = "new-lead", Language = "ru" }, cancellationToken: Ct);
        Assert.Contains("name=\"Позвонить лиду\"", russian.DraftXml, StringComparison.Ordinal);
        Assert.Empty(russian.DraftProblems);
        var english = (await designer.ListProcessTemplatesAsync(new ListProcessTemplatesRequest { Language = "en" }, cancellationToken: Ct)).Templates.Single(t => t.Id == "new-lead");
        Assert.Contains("name=\"Call the lead\"", english.Xml, StringComparison.Ordinal);

        var before = await api.ScalarAsync("SELECT count(*) FROM processes");
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            designer.CreateProcessAsync(new ProcessDraftInput { Name = "Prozess", TemplateId = "new-lead", Language = "de" }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["language"], refused.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Equal(before, await api.ScalarAsync("SELECT count(*) FROM processes"));
    }
}
