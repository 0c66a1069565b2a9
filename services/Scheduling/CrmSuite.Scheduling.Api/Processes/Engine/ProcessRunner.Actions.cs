using System.Net.Http.Json;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Processes.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>
/// Service tasks. An action that fails (a webhook answering 500, no mail server) fails the step:
/// the instance waits in FAILED with the reason in its log until someone retries it. The far side
/// may see a retried webhook twice only when a crash came between its answer and the commit; it
/// can tell by the Idempotency-Key header, the same on every attempt. An e-mail is not sent here:
/// it is queued with the step and sent by <see cref="ProcessMailDispatcher"/>.
/// </summary>
internal sealed partial class ProcessRunner
{
    private async Task ServiceAsync(Run run, ProcessToken token, ServiceTask task, CancellationToken cancellationToken)
    {
        var outcome = task.Action switch
        {
            ServiceAction.Email => await EmailAsync(run, token, task, cancellationToken),
            ServiceAction.Webhook => await WebhookAsync(run, token, task, cancellationToken),
            ServiceAction.SetDealStage => await SetDealStageAsync(run, task, cancellationToken),
            _ => await CreateDocumentAsync(run, task, cancellationToken),
        };
        if (outcome.Error is { } error)
        {
            await FailAsync(run, token, task, error, cancellationToken);
            return;
        }
        await StepAsync(run, token, task, outcome.Effect, cancellationToken);
        Log(run, task, outcome.Text!);
        MoveOn(run, token, task.Outgoing);
    }

    private sealed record Outcome(string? Effect, Bilingual? Text, Bilingual? Error)
    {
        public static Outcome Done(string effect, Bilingual text) => new(effect, text, null);
        public static Outcome Failed(Bilingual error) => new(null, null, error);
    }

    private string Setting(ServiceTask task, string name) => task.Settings.TryGetValue(name, out var value) ? value : string.Empty;

    private async Task<Outcome> EmailAsync(Run run, ProcessToken token, ServiceTask task, CancellationToken cancellationToken)
    {
        if (!email.Available)
        {
            return Outcome.Failed(new Bilingual("E-mail is not configured on the server (Scheduling:Email)", "Почта на сервере не настроена (Scheduling:Email)"));
        }
        var to = Setting(task, CrmBpmn.EmailTo);
        var process = await ProcessOfAsync(run, cancellationToken);
        var owner = run.Instance.RecordOwnerUserId is { Length: > 0 } o ? o : process.OwnerUserId;
        string? address = to switch
        {
            "" or "owner" => await EmailOfAsync(owner, cancellationToken),
            "teamHead" => await EmailOfAsync(await AssigneeAsync("teamHead", owner, run.Instance.RecordTeamId, cancellationToken), cancellationToken),
            "record" => null,
            _ => to,
        };
        if (address is null || !MailboxAddress.TryParse(address, out var mailbox))
        {
            return Outcome.Failed(to == "record"
                ? new Bilingual("The record's e-mail address is not known to the scheduling service", "Адрес электронной почты записи неизвестен сервису планирования")
                : new Bilingual($"No e-mail address for “{to}”", $"Нет адреса электронной почты для «{to}»"));
        }
        var instance = run.Instance;
        var model = new MailModel(instance.Variables, instance.RecordName, instance.CompanyId, instance.DealId, instance.LeadId);
        string subject, body;
        try
        {
            subject = await MailTemplates.RenderAsync(Setting(task, CrmBpmn.EmailSubject) is { Length: > 0 } s ? s : task.Name, model, cancellationToken);
            body = await MailTemplates.RenderAsync(Setting(task, CrmBpmn.EmailBody), model, cancellationToken);
        }
        catch (Exception e) when (e is Fluid.FluidException or InvalidOperationException)
        {
            // Syntax and filters were checked when the process was saved: what is left is a template that runs too long or writes too much.
            return Outcome.Failed(new Bilingual($"The e-mail's template could not be rendered: {e.Message}", $"Шаблон письма не удалось заполнить: {e.Message}"));
        }
        // Queued in the step's transaction: the step and its mail commit together, and the mail's id
        // is the token's, so a replayed step cannot queue it twice (ProcessMailDispatcher sends it).
        db.ProcessMails.Add(new ProcessMail
        {
            Id = token.Id, InstanceId = instance.Id, ElementId = task.Id, ElementName = Cut(task.Name, 300), To = Cut(mailbox.ToString(), 500),
            Subject = Cut(string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim(), 1000), Body = body,
            NextAttemptAt = _now, CreatedAt = _now,
        });
        return Outcome.Done(address, ProcessText.EmailQueued(address));
    }

    /// <summary>The engine acts with no person behind it: as the scheduling service's own account (ProcessRecords).</summary>
    private Task<Outcome> SetDealStageAsync(Run run, ServiceTask task, CancellationToken cancellationToken)
    {
        if (run.Instance.DealId is not { } dealId)
        {
            return Task.FromResult(Outcome.Failed(new Bilingual("This instance's record is not a deal", "Запись этого экземпляра — не сделка")));
        }
        var stageId = Setting(task, CrmBpmn.StageId);
        return AsServiceAsync(run, task, async () =>
        {
            var deal = await records.SetDealStageAsync(dealId, stageId, cancellationToken);
            var stage = deal.StageName.Length > 0 ? deal.StageName : stageId;
            return Outcome.Done(deal.StageId, new Bilingual($"The deal moved to the stage “{stage}”", $"Сделка переведена на стадию «{stage}»"));
        });
    }

    private Task<Outcome> CreateDocumentAsync(Run run, ServiceTask task, CancellationToken cancellationToken)
    {
        var instance = run.Instance;
        if (instance.CompanyId is not { } companyId)
        {
            return Task.FromResult(Outcome.Failed(new Bilingual("A document needs a deal or a company as the instance's record",
                "Для документа записью экземпляра должна быть сделка или компания")));
        }
        return AsServiceAsync(run, task, async () =>
        {
            var templateId = Setting(task, CrmBpmn.DocumentTemplateId);
            switch (await records.DocumentTemplateAsync(templateId, cancellationToken))
            {
                case null:
                    return Outcome.Failed(new Bilingual($"The documents service has no template “{templateId}” (crm:documentTemplateId): choose one of its templates",
                        $"В сервисе документов нет шаблона «{templateId}» (crm:documentTemplateId): выберите один из его шаблонов"));
                case { Archived: true } archived:
                    return Outcome.Failed(new Bilingual($"The document template “{archived.Name}” is archived", $"Шаблон документа «{archived.Name}» в архиве"));
                case var template:
                    var document = await records.CreateDocumentAsync(template, instance.DealId, companyId, cancellationToken);
                    // A draft has no number until a person issues it: the log names it by its template, date and client.
                    return Outcome.Done(document.Id, document.Number.Length > 0
                        ? new Bilingual($"Document {document.Number} created", $"Создан документ {document.Number}")
                        : new Bilingual($"Draft “{template.Name}” of {document.Date} for {document.CompanyName} created",
                            $"Создан черновик «{template.Name}» от {document.Date} для {document.CompanyName}"));
            }
        });
    }

    /// <summary>A call as the service account; its failures (no secret, identity or the far side refusing) fail the step with the reason.</summary>
    private async Task<Outcome> AsServiceAsync(Run run, ServiceTask task, Func<Task<Outcome>> call)
    {
        try
        {
            return await call();
        }
        catch (ServiceAccount.ServiceAccountUnavailableException e)
        {
            logger.LogWarning("Step {ElementId} of instance {InstanceId} failed: the service account has no token: {Reason}", task.Id, run.Instance.Id, e.Message);
            return Outcome.Failed(new Bilingual($"The scheduling service's account has no access: {e.Message}", $"У учётной записи сервиса планирования нет доступа: {e.Message}"));
        }
        catch (Grpc.Core.RpcException e)
        {
            logger.LogWarning("Step {ElementId} of instance {InstanceId} was refused: {Status} {Detail}", task.Id, run.Instance.Id, e.StatusCode, e.Status.Detail);
            if (e.StatusCode == Grpc.Core.StatusCode.Unauthenticated)
            {
                records.TokenRefused();
            }
            return Outcome.Failed(new Bilingual($"The other service refused the step ({e.StatusCode}): {e.Status.Detail}",
                $"Другой сервис отказал в шаге ({e.StatusCode}): {e.Status.Detail}"));
        }
    }

    private async Task<string?> EmailOfAsync(string userId, CancellationToken cancellationToken) =>
        await db.People.Where(p => p.UserId == userId && !p.Disabled).Select(p => p.Email).FirstOrDefaultAsync(cancellationToken);

    private async Task<Outcome> WebhookAsync(Run run, ProcessToken token, ServiceTask task, CancellationToken cancellationToken)
    {
        var url = Setting(task, CrmBpmn.WebhookUrl);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return Outcome.Failed(new Bilingual($"“{url}” is not an http(s) address", $"«{url}» — не адрес http(s)"));
        }
        var instance = run.Instance;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(new
            {
                instanceId = instance.Id, processId = instance.ProcessId, version = instance.VersionNumber, elementId = task.Id,
                record = new { companyId = instance.CompanyId, dealId = instance.DealId, leadId = instance.LeadId, name = instance.RecordName },
                variables = instance.Variables,
            }),
        };
        request.Headers.Add("Idempotency-Key", token.Id.ToString());
        try
        {
            using var response = await webhooks.Http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? Outcome.Done(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ProcessText.WebhookAnswered(status))
                : Outcome.Failed(ProcessText.WebhookAnswered(status));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.Failed(new Bilingual($"The webhook did not answer within {options.Value.WebhookTimeout.TotalSeconds:0} s",
                $"Вебхук не ответил за {options.Value.WebhookTimeout.TotalSeconds:0} с"));
        }
        catch (HttpRequestException e)
        {
            logger.LogInformation("Webhook {Url} of instance {InstanceId} failed: {Reason}", uri, instance.Id, e.Message);
            return Outcome.Failed(new Bilingual($"The webhook could not be reached: {e.Message}", $"Вебхук недоступен: {e.Message}"));
        }
    }
}

/// <summary>
/// The webhooks' own HttpClient, not the factory's: the suite's default handlers retry (Polly),
/// and a webhook is called once per attempt — a retry is the person's Retry.
/// </summary>
public sealed class ProcessWebhookClient : IDisposable
{
    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => Http.Dispose();
}
