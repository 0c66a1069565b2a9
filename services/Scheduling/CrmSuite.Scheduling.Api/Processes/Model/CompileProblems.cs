namespace CrmSuite.Scheduling.Api.Processes.Model;

/// <summary>
/// Every reason the compiler refuses a file: a stable code (tests, translations, the editor's
/// hints) and the message in English and Russian. A message says what is wrong and what to do.
/// </summary>
public static class CompileProblems
{
    public const string NotXml = "not_xml";
    public const string DtdRefused = "dtd_refused";
    public const string TooLarge = "too_large";
    public const string NotBpmn = "not_bpmn";
    public const string NoProcess = "no_process";
    public const string SeveralProcesses = "several_processes";
    public const string DuplicateId = "duplicate_id";
    public const string MissingId = "missing_id";
    public const string UnsupportedElement = "unsupported_element";
    public const string UnsupportedStartEvent = "unsupported_start_event";
    public const string MissingMessage = "missing_message";
    public const string UnknownMessage = "unknown_message";
    public const string NoStartEvent = "no_start_event";
    public const string MissingTimer = "missing_timer";
    public const string WrongTimerKind = "wrong_timer_kind";
    public const string BadDuration = "bad_duration";
    public const string BadDate = "bad_date";
    public const string BadCycle = "bad_cycle";
    public const string MissingIncoming = "missing_incoming";
    public const string MissingOutgoing = "missing_outgoing";
    public const string SeveralOutgoing = "several_outgoing";
    public const string UnexpectedIncoming = "unexpected_incoming";
    public const string UnexpectedOutgoing = "unexpected_outgoing";
    public const string UnknownReference = "unknown_reference";
    public const string Unreachable = "unreachable";
    public const string EndlessLoop = "endless_loop";
    public const string MissingCondition = "missing_condition";
    public const string BadCondition = "bad_condition";
    public const string ConditionNotSupported = "condition_not_supported";
    public const string BadDefaultFlow = "bad_default_flow";
    public const string MissingAction = "missing_action";
    public const string UnknownAction = "unknown_action";
    public const string MissingSetting = "missing_setting";
    public const string BadSetting = "bad_setting";
    public const string BadTemplate = "bad_template";
    public const string BadAssignee = "bad_assignee";
    public const string BadReminders = "bad_reminders";
    public const string BadOnLate = "bad_on_late";
    public const string BoundaryNotOnUserTask = "boundary_not_on_user_task";
    public const string MultiInstance = "multi_instance";

    internal static (string En, string Ru) Unsupported(string localName, string? definition) => (localName, definition) switch
    {
        ("inclusiveGateway", _) => ("An inclusive gateway is not supported: use an exclusive or a parallel gateway",
            "Включающий шлюз не поддерживается: используйте исключающий или параллельный шлюз"),
        ("eventBasedGateway", _) => ("An event-based gateway is not supported: use an exclusive gateway with conditions or a boundary timer",
            "Шлюз по событиям не поддерживается: используйте исключающий шлюз с условиями или граничный таймер"),
        ("complexGateway", _) => ("A complex gateway is not supported: use an exclusive or a parallel gateway",
            "Сложный шлюз не поддерживается: используйте исключающий или параллельный шлюз"),
        ("subProcess" or "transaction" or "adHocSubProcess", _) => ("A subprocess is not supported: draw its steps in the process itself",
            "Подпроцесс не поддерживается: нарисуйте его шаги в самом процессе"),
        ("callActivity", _) => ("A call activity is not supported: draw the called process's steps in this one",
            "Вызов другого процесса не поддерживается: нарисуйте шаги вызываемого процесса в этом"),
        ("scriptTask", _) => ("A script task is not supported: use a service task with an action (e-mail, deal stage, document, webhook)",
            "Задача-скрипт не поддерживается: используйте сервисную задачу с действием (письмо, стадия сделки, документ, вебхук)"),
        ("businessRuleTask", _) => ("A business rule task is not supported: use an exclusive gateway with conditions",
            "Задача бизнес-правила не поддерживается: используйте исключающий шлюз с условиями"),
        ("manualTask", _) => ("A manual task is not supported: use a user task, which gives a person a task to complete",
            "Ручная задача не поддерживается: используйте пользовательскую задачу — она ставит человеку задачу"),
        ("receiveTask", _) => ("A receive task is not supported: use a user task or a timer",
            "Задача получения сообщения не поддерживается: используйте пользовательскую задачу или таймер"),
        ("intermediateThrowEvent", _) => ("An intermediate throw event is not supported: use a service task to send an e-mail or call a webhook",
            "Промежуточное событие-отправка не поддерживается: используйте сервисную задачу, чтобы отправить письмо или вызвать вебхук"),
        ("intermediateCatchEvent", _) => ("Only a timer intermediate event is supported: waiting for a message, a signal or a condition is not",
            "Поддерживается только промежуточный таймер: ожидание сообщения, сигнала или условия не поддерживается"),
        ("boundaryEvent", _) => ("Only a timer boundary event is supported: error, message, signal and other boundary events are not",
            "Поддерживается только граничный таймер: граничные события ошибки, сообщения, сигнала и другие не поддерживаются"),
        ("endEvent", "terminateEventDefinition") => ("A terminate end event is not supported: use a plain end event (the process ends when every path has reached one)",
            "Завершающее конечное событие не поддерживается: используйте простое конечное событие (процесс завершается, когда все ветви дошли до конца)"),
        ("endEvent", _) => ("Only a plain end event is supported: message, error, signal and other end events are not; send an e-mail with a service task before the end",
            "Поддерживается только простое конечное событие: события сообщения, ошибки, сигнала и другие не поддерживаются; письмо отправьте сервисной задачей перед концом"),
        _ => ($"The element \"{localName}\" is not supported by the process engine",
            $"Элемент «{localName}» не поддерживается движком процессов"),
    };
}
