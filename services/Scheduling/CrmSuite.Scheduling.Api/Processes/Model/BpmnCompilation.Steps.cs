using System.Globalization;
using System.Net.Mail;
using System.Xml.Linq;

namespace CrmSuite.Scheduling.Api.Processes.Model;

// Reading each kind of step and its crm: settings.
internal sealed partial class BpmnCompilation
{
    private static readonly Dictionary<string, TriggerKind> Messages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lead.created"] = TriggerKind.LeadCreated,
        ["deal.stageChanged"] = TriggerKind.DealStageChanged,
        ["company.created"] = TriggerKind.CompanyCreated,
    };

    private static readonly Dictionary<string, ServiceAction> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = ServiceAction.Email,
        ["setDealStage"] = ServiceAction.SetDealStage,
        ["createDocument"] = ServiceAction.CreateDocument,
        ["webhook"] = ServiceAction.Webhook,
    };

    private static readonly string[] SettingNames =
        [CrmBpmn.EmailTo, CrmBpmn.EmailSubject, CrmBpmn.EmailBody, CrmBpmn.StageId, CrmBpmn.DocumentTemplateId, CrmBpmn.WebhookUrl];

    /// <summary>A reminder further ahead than a year is a typo.</summary>
    private const int MaxReminderMinutes = 366 * 24 * 60;

    private void ReadStep(XElement xml)
    {
        if (Identify(xml) is not { } id)
            return;
        var name = NameOf(xml, id);
        var local = xml.Name.LocalName;
        var definitionsOf = xml.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        var onlyTimer = definitionsOf is [{ Name.LocalName: "timerEventDefinition" }] ? definitionsOf[0] : null;
        var kind = local switch
        {
            "startEvent" => StepKind.Start,
            "endEvent" when definitionsOf.Count == 0 => StepKind.End,
            "userTask" or "task" => StepKind.UserTask,
            "serviceTask" or "sendTask" => StepKind.ServiceTask,
            "exclusiveGateway" => StepKind.ExclusiveGateway,
            "parallelGateway" => StepKind.ParallelGateway,
            "intermediateCatchEvent" when onlyTimer is not null => StepKind.IntermediateTimer,
            "boundaryEvent" when onlyTimer is not null => StepKind.BoundaryTimer,
            _ => StepKind.Unsupported,
        };
        var step = new Step(xml, id, name, kind);
        steps[id] = step;
        stepsInOrder.Add(step);

        if (kind is StepKind.UserTask or StepKind.ServiceTask && xml.Elements().Any(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("LoopCharacteristics", StringComparison.Ordinal)))
        {
            Problem(step, CompileProblems.MultiInstance, "A repeated (loop or multi-instance) task is not supported: draw the task once, or a loop back through an exclusive gateway",
                "Повторяющаяся (циклическая или многоэкземплярная) задача не поддерживается: нарисуйте задачу один раз или петлю через исключающий шлюз");
            return;
        }

        step.Node = kind switch
        {
            StepKind.Start => ReadStart(step, definitionsOf),
            StepKind.End => new EndEvent { Id = id, Name = name },
            StepKind.UserTask => ReadUserTask(step),
            StepKind.ServiceTask => ReadServiceTask(step),
            StepKind.ExclusiveGateway => new ExclusiveGateway { Id = id, Name = name, DefaultFlow = Attr(xml, "default") },
            StepKind.ParallelGateway => new ParallelGateway { Id = id, Name = name },
            StepKind.IntermediateTimer => ReadTimer(step, onlyTimer!, TimerUse.Intermediate) is { } timer ? new IntermediateTimer { Id = id, Name = name, Timer = timer } : null,
            StepKind.BoundaryTimer => ReadBoundary(step, onlyTimer!),
            _ => Unsupported(step, definitionsOf),
        };
    }

    private FlowNode? Unsupported(Step step, List<XElement> definitionsOf)
    {
        var (en, ru) = CompileProblems.Unsupported(step.Xml.Name.LocalName, definitionsOf.FirstOrDefault()?.Name.LocalName);
        Problem(step, CompileProblems.UnsupportedElement, en, ru);
        return null;
    }

    private StartEvent? ReadStart(Step step, List<XElement> definitionsOf)
    {
        var start = new StartEvent { Id = step.Id, Name = step.Name, Trigger = TriggerKind.Manual };
        switch (definitionsOf)
        {
            case []:
                return start;
            case [{ Name.LocalName: "messageEventDefinition" } message]:
                return ReadMessageStart(step, message, start);
            case [{ Name.LocalName: "timerEventDefinition" } timerXml]:
                return ReadTimer(step, timerXml, TimerUse.Start) is { } timer ? start with { Trigger = TriggerKind.Timer, Timer = timer } : null;
            default:
                Problem(step, CompileProblems.UnsupportedStartEvent,
                    "This kind of start event is not supported: use a plain start (by hand), a message start (lead.created, deal.stageChanged, company.created) or a timer start",
                    "Такое начальное событие не поддерживается: используйте простое (запуск вручную), событие-сообщение (lead.created, deal.stageChanged, company.created) или таймер");
                return null;
        }
    }

    private StartEvent? ReadMessageStart(Step step, XElement definition, StartEvent start)
    {
        const string known = "lead.created, deal.stageChanged, company.created";
        var reference = Attr(definition, "messageRef");
        var message = reference is null ? null : definitions.Elements(Bpmn + "message").FirstOrDefault(m => Attr(m, "id") == reference);
        if (message is null || Attr(message, "name") is not { } name)
        {
            Problem(step, CompileProblems.MissingMessage, $"The message start event names no message: choose one of {known}",
                $"У начального события-сообщения не указано сообщение: выберите одно из {known}");
            return null;
        }
        if (!Messages.TryGetValue(name, out var trigger))
        {
            Problem(step, CompileProblems.UnknownMessage, $"The message \"{name}\" is not one the CRM sends: use {known}",
                $"Сообщения «{name}» CRM не отправляет: используйте {known}");
            return null;
        }
        return start with { Trigger = trigger, StageId = trigger == TriggerKind.DealStageChanged ? CrmAttr(step.Xml, CrmBpmn.StageId) : null };
    }

    private enum TimerUse { Start, Intermediate, Boundary }

    private TimerSpec? ReadTimer(Step step, XElement definition, TimerUse use)
    {
        var parts = definition.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName is "timeDate" or "timeDuration" or "timeCycle")
            .Select(e => (Kind: e.Name.LocalName, Text: e.Value.Trim())).Where(p => p.Text.Length > 0).ToList();
        if (parts.Count != 1)
        {
            var wanted = use == TimerUse.Start ? "a date (2027-01-01T09:00:00+03:00) or a cycle (R/2027-01-01T09:00:00+03:00/P1M)" : "a duration (PT1H, P3D)";
            var wantedRu = use == TimerUse.Start ? "дату (2027-01-01T09:00:00+03:00) или цикл (R/2027-01-01T09:00:00+03:00/P1M)" : "длительность (PT1H, P3D)";
            Problem(step, CompileProblems.MissingTimer, $"The timer has no time set: give it {wanted}", $"У таймера не задано время: укажите {wantedRu}");
            return null;
        }
        var (kind, text) = parts[0];
        if (use == TimerUse.Start && kind == "timeDuration")
        {
            Problem(step, CompileProblems.WrongTimerKind, "A start timer needs a date or a cycle, not a duration: a duration has nothing to count from",
                "Таймеру начала нужна дата или цикл, а не длительность: длительности не от чего отсчитываться");
            return null;
        }
        if (use != TimerUse.Start && kind != "timeDuration")
        {
            Problem(step, CompileProblems.WrongTimerKind, "This timer needs a duration (PT1H, P3D): a date or a cycle is for a start timer only",
                "Этому таймеру нужна длительность (PT1H, P3D): дата или цикл — только для таймера начала");
            return null;
        }
        switch (kind)
        {
            case "timeDuration" when IsoDuration.TryParse(text, out _):
                return new TimerSpec { Duration = text };
            case "timeDate" when IsoCycle.TryParseInstant(text, out var date):
                return new TimerSpec { Date = date };
            case "timeCycle" when IsoCycle.TryParse(text, out _):
                return new TimerSpec { Cycle = text };
            case "timeDuration":
                BadDuration(step, text);
                return null;
            case "timeDate":
                Problem(step, CompileProblems.BadDate, $"\"{text}\" is not a date with a time and an offset: write it like 2027-01-01T09:00:00+03:00",
                    $"«{text}» — не дата со временем и смещением: запишите как 2027-01-01T09:00:00+03:00");
                return null;
            default:
                Problem(step, CompileProblems.BadCycle,
                    $"\"{text}\" is not a cycle the engine reads: write R/start/period, like R/2027-01-01T09:00:00+03:00/P1M (R12/… for twelve times)",
                    $"«{text}» — не цикл, понятный движку: запишите R/начало/период, например R/2027-01-01T09:00:00+03:00/P1M (R12/… — двенадцать раз)");
                return null;
        }
    }

    private void BadDuration(Step step, string text) =>
        Problem(step, CompileProblems.BadDuration, $"\"{text}\" is not an ISO 8601 duration: write it like PT15M, PT1H, P3D, P1W or P1M (at most 100 years)",
            $"«{text}» — не длительность ISO 8601: запишите как PT15M, PT1H, P3D, P1W или P1M (не больше 100 лет)");

    private UserTask? ReadUserTask(Step step)
    {
        var ok = true;
        var assignee = CrmAttr(step.Xml, CrmBpmn.Assignee) ?? "owner";
        if (!IsAssignee(assignee))
        {
            Problem(step, CompileProblems.BadAssignee,
                $"The assignee \"{assignee}\" is not one the engine knows: the record's owner, the team head, a named person or round robin in a team",
                $"Исполнитель «{assignee}» движку неизвестен: ответственный за запись, руководитель команды, конкретный сотрудник или по очереди в команде");
            ok = false;
        }
        var dueIn = CrmAttr(step.Xml, CrmBpmn.DueIn);
        if (dueIn is not null && !IsoDuration.TryParse(dueIn, out _))
        {
            BadDuration(step, dueIn);
            ok = false;
        }
        List<int>? reminders = null;
        if (CrmAttr(step.Xml, CrmBpmn.Reminders) is { } remindersText)
        {
            reminders = [];
            foreach (var part in remindersText.Split(',', StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= MaxReminderMinutes)
                    reminders.Add(minutes);
                else
                {
                    Problem(step, CompileProblems.BadReminders,
                        $"The reminders \"{remindersText}\" are not whole numbers of minutes before the due time, separated by commas (15,60)",
                        $"Напоминания «{remindersText}» — не целые числа минут до срока через запятую (15,60)");
                    ok = false;
                    break;
                }
            }
        }
        return ok
            ? new UserTask
            {
                Id = step.Id, Name = step.Name, Assignee = assignee, DueIn = dueIn, ReminderMinutes = reminders?.Distinct().Order().ToList(),
                TaskType = CrmAttr(step.Xml, CrmBpmn.TaskType) ?? "task",
            }
            : null;
    }

    private static bool IsAssignee(string text)
    {
        if (text is "owner" or "teamHead")
            return true;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && text[..colon] is "person" or "roundRobin" && text[(colon + 1)..] is { Length: > 0 } id && !id.Any(char.IsWhiteSpace);
    }

    private ServiceTask? ReadServiceTask(Step step)
    {
        var actionText = CrmAttr(step.Xml, CrmBpmn.Action) ?? (step.Xml.Name.LocalName == "sendTask" ? "email" : null);
        if (actionText is null)
        {
            Problem(step, CompileProblems.MissingAction, "The service task has no action: choose send an e-mail, set a deal's stage, create a document or call a webhook",
                "У сервисной задачи не выбрано действие: отправить письмо, сменить стадию сделки, создать документ или вызвать вебхук");
            return null;
        }
        if (!Actions.TryGetValue(actionText, out var action))
        {
            Problem(step, CompileProblems.UnknownAction, $"The action \"{actionText}\" is not one the engine runs: use email, setDealStage, createDocument or webhook",
                $"Действие «{actionText}» движок не выполняет: используйте email, setDealStage, createDocument или webhook");
            return null;
        }
        var settings = SettingNames.Select(n => (Name: n, Value: CrmAttr(step.Xml, n))).Where(s => s.Value is not null).ToDictionary(s => s.Name, s => s.Value!, StringComparer.Ordinal);
        var ok = action switch
        {
            ServiceAction.Email => Required(step, settings, CrmBpmn.EmailTo, "to whom the e-mail goes", "кому отправить письмо")
                & Required(step, settings, CrmBpmn.EmailSubject, "the e-mail's subject", "тема письма")
                && EmailTarget(step, settings[CrmBpmn.EmailTo])
                & Template(step, settings, CrmBpmn.EmailSubject, "subject", "темы")
                & Template(step, settings, CrmBpmn.EmailBody, "body", "текста"),
            ServiceAction.SetDealStage => Required(step, settings, CrmBpmn.StageId, "the stage the deal moves to", "стадия, на которую перейдёт сделка"),
            ServiceAction.CreateDocument => Required(step, settings, CrmBpmn.DocumentTemplateId, "the document template", "шаблон документа"),
            _ => Required(step, settings, CrmBpmn.WebhookUrl, "the webhook's URL", "адрес вебхука") && WebhookUrl(step, settings[CrmBpmn.WebhookUrl]),
        };
        return ok ? new ServiceTask { Id = step.Id, Name = step.Name, Action = action, Settings = settings } : null;
    }

    private bool Required(Step step, Dictionary<string, string> settings, string setting, string en, string ru)
    {
        if (settings.ContainsKey(setting))
            return true;
        Problem(step, CompileProblems.MissingSetting, $"The service task needs {en} (crm:{setting})", $"Для сервисной задачи нужно указать: {ru} (crm:{setting})");
        return false;
    }

    private bool EmailTarget(Step step, string to)
    {
        if (to is "owner" or "teamHead" or "record" || MailAddress.TryCreate(to, out var address) && address.Address == to)
            return true;
        Problem(step, CompileProblems.BadSetting, $"\"{to}\" is not a recipient: use the record's owner, the team head, the record's e-mail or an address",
            $"«{to}» — не получатель: укажите ответственного за запись, руководителя команды, e-mail записи или адрес");
        return false;
    }

    /// <summary>The e-mail's subject or body is a Liquid template (MailTemplates): its syntax and filters are checked now, not when the step runs.</summary>
    private bool Template(Step step, Dictionary<string, string> settings, string setting, string en, string ru)
    {
        if (!settings.TryGetValue(setting, out var source) || MailTemplates.Problem(source) is not { } problem)
            return true;
        Problem(step, CompileProblems.BadTemplate, $"The e-mail's {en} is not a valid Liquid template (crm:{setting}): {problem}",
            $"В шаблоне {ru} письма ошибка Liquid (crm:{setting}): {problem}");
        return false;
    }

    private bool WebhookUrl(Step step, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
            return true;
        Problem(step, CompileProblems.BadSetting, $"\"{url}\" is not a web address: the webhook needs an absolute http:// or https:// URL",
            $"«{url}» — не веб-адрес: вебхуку нужен полный адрес http:// или https://");
        return false;
    }

    private BoundaryTimer? ReadBoundary(Step step, XElement timerXml)
    {
        var timer = ReadTimer(step, timerXml, TimerUse.Boundary);
        var onLate = CrmAttr(step.Xml, CrmBpmn.OnLate) ?? "notify";
        if (onLate is not ("notify" or "escalate"))
        {
            Problem(step, CompileProblems.BadOnLate, $"\"{onLate}\" is not what to do when late: notify or escalate",
                $"«{onLate}» — не действие при просрочке: notify (уведомить) или escalate (эскалировать)");
            return null;
        }
        // BPMN's default for cancelActivity is true: bpmn-js writes cancelActivity="false" for a dashed (non-interrupting) boundary.
        return timer is null ? null : new BoundaryTimer
        {
            Id = step.Id, Name = step.Name, AttachedTo = Attr(step.Xml, "attachedToRef") ?? "", Timer = timer,
            Interrupting = Attr(step.Xml, "cancelActivity") != "false", OnLate = onLate,
        };
    }
}
