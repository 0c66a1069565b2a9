using CrmSuite.Scheduling.Api.Processes.Model;

namespace CrmSuite.Scheduling.Api.Processes.Engine;

/// <summary>A line a person reads, in both languages (the reader's is chosen when it is shown).</summary>
public sealed record Bilingual(string En, string Ru)
{
    public string In(bool english) => english ? En : Ru;

    public static bool English(string? language) => language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static readonly System.Globalization.CultureInfo EnglishCulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
    public static readonly System.Globalization.CultureInfo RussianCulture = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");
}

/// <summary>What the engine writes in an instance's log and tells people.</summary>
internal static class ProcessText
{
    public static Bilingual Started(string how) => new($"Process started: {how}", $"Процесс запущен: {how}");
    public static Bilingual StartedBy(string name) => new($"Started by {name}", $"Запущен: {name}");
    public static Bilingual Trigger(string trigger) => trigger switch
    {
        "lead.created" => new("Lead created", "Создан лид"),
        "deal.stageChanged" => new("Deal stage changed", "Сделка перешла на этап"),
        "company.created" => new("Company created", "Создана компания"),
        "timer" => new("Timer", "По таймеру"),
        _ => new("By hand", "Вручную"),
    };
    public static Bilingual TaskCreated(string title, string assignee) =>
        new($"Task “{title}” created for {assignee}", $"Создана задача «{title}» для {assignee}");
    public static Bilingual TaskCompleted(string title, string by) => new($"Task “{title}” completed by {by}", $"Задача «{title}» выполнена: {by}");
    public static Bilingual TaskCancelled(string title) => new($"Task “{title}” cancelled", $"Задача «{title}» отменена");
    public static Bilingual TimerWaiting(string duration) => new($"Waiting {duration}", $"Ожидание {duration}");
    public static Bilingual TimerFired(string name) => new($"Timer “{name}” fired", $"Сработал таймер «{name}»");
    public static Bilingual Late(string title) => new($"Task “{title}” is past its due time", $"Задача «{title}» просрочена");
    public static Bilingual LateNotice(string process, string title) =>
        new($"Process “{process}”: task “{title}” is late", $"Процесс «{process}»: задача «{title}» просрочена");
    public static Bilingual Escalated(string title, string head) => new($"Task “{title}” escalated to {head}", $"Задача «{title}» передана на контроль: {head}");
    public static Bilingual EscalationNotice(string process, string title, string assignee) =>
        new($"Process “{process}”: {assignee}'s task “{title}” is late and escalated to you", $"Процесс «{process}»: задача «{title}» ({assignee}) просрочена и передана вам на контроль");
    public static Bilingual GatewayTook(string flow) => new($"Took “{flow}”", $"Выбран путь «{flow}»");
    public static Bilingual NoFlow => new("No condition holds and there is no default flow", "Ни одно условие не выполнено, и пути по умолчанию нет");
    public static Bilingual BadCondition(string flow, string error) => new($"The condition of “{flow}” cannot be evaluated: {error}", $"Условие пути «{flow}» не вычисляется: {error}");
    /// <summary>
    /// What people call an element drawn without a name (the compiler names it by its diagram id,
    /// which nobody should read): its kind.
    /// </summary>
    public static Bilingual Kind(FlowNode node) => node switch
    {
        StartEvent => new("Start", "Начало"),
        EndEvent => new("End", "Завершение"),
        UserTask => new("Task", "Задача"),
        ServiceTask => new("Automatic action", "Автоматическое действие"),
        ExclusiveGateway => new("Decision", "Решение"),
        ParallelGateway => new("Parallel paths", "Параллельные ветви"),
        IntermediateTimer => new("Wait", "Ожидание"),
        BoundaryTimer => new("Deadline watch", "Контроль срока"),
        _ => new("Step", "Шаг"),
    };

    /// <summary>The element's name, or its kind when it was drawn without one.</summary>
    public static Bilingual NameOf(FlowNode node) => node.Name != node.Id ? new(node.Name, node.Name) : Kind(node);

    /// <summary>"Took …": the flow's name, or (a flow drawn without one) the name of the step it leads to.</summary>
    public static Bilingual GatewayTook(SequenceFlow flow, FlowNode target)
    {
        if (flow.Name != flow.Id)
        {
            return GatewayTook(flow.Name);
        }
        var to = NameOf(target);
        return new($"Went on to “{to.En}”", $"Дальше — «{to.Ru}»");
    }

    public static Bilingual Joined => new("All parallel branches arrived", "Все параллельные ветви завершены");
    public static Bilingual EmailQueued(string to) => new($"E-mail to {to} queued for sending", $"Письмо для {to} поставлено в очередь на отправку");
    public static Bilingual EmailSent(string to) => new($"E-mail sent to {to}", $"Письмо отправлено: {to}");
    public static Bilingual EmailFailed(string to, string reason) => new($"The e-mail to {to} could not be sent: {reason}", $"Письмо для {to} не удалось отправить: {reason}");
    public static Bilingual WebhookAnswered(int status) => new($"Webhook answered {status}", $"Вебхук ответил {status}");
    public static Bilingual StepFailed(string error) => new($"Step failed: {error}", $"Шаг не выполнен: {error}");
    public static Bilingual Completed => new("Process completed", "Процесс завершён");
    public static Bilingual Cancelled(string by, string reason) =>
        new($"Cancelled by {by}" + (reason.Length > 0 ? $": {reason}" : string.Empty), $"Отменён: {by}" + (reason.Length > 0 ? $": {reason}" : string.Empty));
    public static Bilingual Retried(string by) => new($"Retried by {by}", $"Повтор запущен: {by}");
}
