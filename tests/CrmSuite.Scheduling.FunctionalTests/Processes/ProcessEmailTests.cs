using CrmSuite.Scheduling.Api.Processes.Engine;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer.Protocol;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>
/// The e-mail step: the mail is queued with the step and sent by the process mail dispatcher to a
/// real SMTP server (the reminders' stand-in). Publishing and starting go through the fixture's
/// host (no mail server); the engine and dispatchers run in a second host on the same database
/// with e-mail configured, as after a deployment that sets Scheduling:Email.
/// </summary>
public sealed class ProcessEmailTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private readonly ProcessTestKit _kit = new(api);

    private Task<string> PublishMailAsync(string to = "owner") => _kit.PublishAsync(new Drawing("Письмо").Start()
        .Node(new ServiceTask
        {
            Id = "mail", Name = "Отправить КП", Action = ServiceAction.Email,
            Settings = new Dictionary<string, string>
            {
                [CrmBpmn.EmailTo] = to,
                [CrmBpmn.EmailSubject] = "КП для {{ record.name }}: {{ amount }} {{ currency | default: 'RUB' }}",
                [CrmBpmn.EmailBody] = "Здравствуйте!\n{% if amount %}Сумма: {{ amount }}{% else %}Сумма не указана{% endif %}\nИсточник: {{ source | upcase }}",
            },
        }).End().Flow("start", "mail").Flow("mail", "end"), "Коммерческое предложение");

    private static Task<int> RunEngineAsync(WebApplicationFactory<Program> host) => host.Services.GetRequiredService<ProcessEngine>().RunDueAsync(Ct);

    private static ProcessMailDispatcher Dispatcher(WebApplicationFactory<Program> host) => ActivatorUtilities.CreateInstance<ProcessMailDispatcher>(host.Services);

    private List<MimeMessage> MailsAbout(TestSmtpServer smtp, string recordName) =>
        [.. smtp.Messages.Where(m => (m.Subject ?? string.Empty).Contains(recordName, StringComparison.Ordinal))];

    [Fact]
    public async Task An_email_step_sends_one_liquid_rendered_mail_to_the_record_owner_even_when_the_step_is_replayed_and_two_dispatchers_run()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var host = api.StartWith(smtp.Settings());
        await PersonEvents.AnnounceAsync(host.CreateClient(), People.Anna.Id, "Анна Смирнова", "anna.processes@example.com");
        var (company, _, _) = await api.ClientAsync(People.Anna);
        var instance = await _kit.StartAsync(People.Anna, await PublishMailAsync(), company, ("amount", "150000.00"), ("source", "site"));

        await RunEngineAsync(host);
        var queued = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, queued.Instance.State);
        Assert.Contains(queued.Log, l => l.ElementId == "mail" && !l.Error && l.Text == "Письмо для anna.processes@example.com поставлено в очередь на отправку");
        // The step's row run again (a redelivery): the step is not repeated and nothing more is queued.
        await api.ScalarAsync("UPDATE process_timers SET status = 1 WHERE instance_id = @p0::uuid AND kind = 1", instance.Id);
        await RunEngineAsync(host);
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM process_mails WHERE instance_id = @p0::uuid", instance.Id));
        Assert.Empty(smtp.Messages);

        // Two dispatchers (replicas) at once, then again: one mail.
        var (first, second) = (Dispatcher(host), Dispatcher(host));
        await Task.WhenAll(first.DispatchBatchAsync(Ct), second.DispatchBatchAsync(Ct));
        await Task.WhenAll(first.DispatchBatchAsync(Ct), second.DispatchBatchAsync(Ct));

        var mail = Assert.Single(MailsAbout(smtp, instance.Record.Name));
        Assert.Equal(1, smtp.Offered);
        Assert.Equal("anna.processes@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal($"КП для {instance.Record.Name}: 150000.00 RUB", mail.Subject);
        Assert.Equal("Здравствуйте!\nСумма: 150000.00\nИсточник: SITE", (mail.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd());
        Assert.Equal("crm@example.com", mail.From.Mailboxes.Single().Address);
        // The Message-ID is derived from the step's token: a resend would be recognisably the same mail.
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM process_mails m JOIN process_tokens t ON t.id = m.id WHERE t.instance_id = @p0::uuid AND t.element_id = 'mail' "
            + "AND replace(m.id::text, '-', '') || '@crmsuite.processes' = @p1", instance.Id, mail.MessageId ?? ""));
        var sent = await _kit.DetailAsync(instance.Id);
        Assert.Single(sent.Log, l => l.ElementId == "mail" && !l.Error && l.Text == "Письмо отправлено: anna.processes@example.com");
    }

    [Fact]
    public async Task Without_email_configured_the_step_fails_at_once_naming_the_setting_and_a_retry_after_configuring_sends_the_mail()
    {
        await PersonEvents.AnnounceAsync(api.Anonymous(), People.Oleg.Id, "Олег Ветров", "oleg.processes@example.com");
        var (company, _, _) = await api.ClientAsync(People.Oleg);
        var instance = await _kit.StartAsync(People.Oleg, await PublishMailAsync(), company);

        await _kit.RunAsync();

        var failed = await _kit.DetailAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Failed, failed.Instance.State);
        Assert.Equal(ProcessElementState.Failed, failed.Elements.Single(e => e.ElementId == "mail").State);
        Assert.Contains(failed.Log, l => l.Error && l.ElementId == "mail" && l.Text.Contains("Почта на сервере не настроена (Scheduling:Email)", StringComparison.Ordinal));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM process_mails WHERE instance_id = @p0::uuid", instance.Id));

        await using var smtp = TestSmtpServer.Start();
        await using var configured = api.StartWith(smtp.Settings());
        await _kit.As(ProcessTestKit.Designer).RetryProcessInstanceAsync(new RetryProcessInstanceRequest { Id = instance.Id }, cancellationToken: Ct);
        await RunEngineAsync(configured);
        await Dispatcher(configured).DispatchBatchAsync(Ct);

        Assert.Equal(ProcessInstanceState.Completed, (await _kit.DetailAsync(instance.Id)).Instance.State);
        var mail = Assert.Single(MailsAbout(smtp, instance.Record.Name));
        Assert.Equal("oleg.processes@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal($"КП для {instance.Record.Name}:  RUB", mail.Subject);
        Assert.Contains("Сумма не указана", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_the_server_refuses_for_good_puts_the_reason_in_the_instances_log()
    {
        await using var smtp = TestSmtpServer.Start();
        smtp.Refuse = (SmtpReplyCode)554;
        await using var host = api.StartWith(smtp.Settings());
        var instance = await _kit.StartAsync(People.Boris, await PublishMailAsync("nobody@example.com"));

        await RunEngineAsync(host);
        await Dispatcher(host).DispatchBatchAsync(Ct);
        await Dispatcher(host).DispatchBatchAsync(Ct);

        Assert.Equal(1, smtp.Offered);
        var detail = await _kit.DetailAsync(instance.Id);
        Assert.Single(detail.Log, l => l.Error && l.ElementId == "mail"
            && l.Text.StartsWith("Письмо для nobody@example.com не удалось отправить: the mail server answered 554", StringComparison.Ordinal));
        Assert.Equal(0, await api.ScalarAsync("SELECT count(*) FROM process_mails WHERE instance_id = @p0::uuid AND status = 1", instance.Id));
    }

    [Fact]
    public async Task A_bad_liquid_template_is_a_problem_of_the_saved_draft_naming_the_email_step()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:crm="http://crmsuite.dev/schema/bpmn/1.0" id="D" targetNamespace="http://crmsuite.dev/processes">
              <bpmn:process id="P" name="Письмо" isExecutable="true">
                <bpmn:startEvent id="Start" name="Старт" />
                <bpmn:serviceTask id="Task_Offer" name="Отправить КП" crm:action="email" crm:emailTo="owner" crm:emailSubject="КП для {{ record.name }"
                  crm:emailBody="{% if amount %}Сумма: {{ amount }}" />
                <bpmn:endEvent id="End" name="Конец" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Offer" />
                <bpmn:sequenceFlow id="F2" sourceRef="Task_Offer" targetRef="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        var draft = await _kit.As(ProcessTestKit.Designer).CreateProcessAsync(new ProcessDraftInput { Name = "Шаблон с ошибкой", Xml = xml }, cancellationToken: Ct);

        Assert.Equal(2, draft.DraftProblems.Count);
        Assert.All(draft.DraftProblems, p => Assert.Equal(("Task_Offer", "Отправить КП", CompileProblems.BadTemplate), (p.ElementId, p.ElementName, p.Code)));
        Assert.Contains(draft.DraftProblems, p => p.Message.Contains("(crm:emailSubject): Line 1", StringComparison.Ordinal));
        Assert.Contains(draft.DraftProblems, p => p.Message.Contains("(crm:emailBody): ", StringComparison.Ordinal));
    }
}
