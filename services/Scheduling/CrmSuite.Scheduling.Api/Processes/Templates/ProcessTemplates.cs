using System.Reflection;

namespace CrmSuite.Scheduling.Api.Processes.Templates;

/// <summary>A built-in process a company starts from: its titles in Russian and English and its BPMN file.</summary>
public sealed record BuiltInProcessTemplate(string Id, string NameRu, string NameEn, string DescriptionRu, string DescriptionEn, string Xml);

/// <summary>
/// The built-in templates (ListProcessTemplates, CreateProcess with a template id). Each is a
/// complete .bpmn file embedded in this assembly (Processes/Templates/*.bpmn), laid out for
/// bpmn-js, with English element names; it compiles with no problems (a unit test says so).
/// </summary>
public static class ProcessTemplates
{
    private static readonly Lazy<IReadOnlyList<BuiltInProcessTemplate>> Templates = new(Load);

    public static IReadOnlyList<BuiltInProcessTemplate> All => Templates.Value;

    public static BuiltInProcessTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    private static IReadOnlyList<BuiltInProcessTemplate> Load() =>
    [
        Template("new-lead",
            "Новый лид: звонок, предложение, дожим",
            "New lead: call, offer, follow-up",
            "Новому лиду звонят в течение часа (ответственному напомнят, если не успел), отправляют предложение, через три дня перезванивают; выигран — благодарственное письмо, иначе — проигран.",
            "A new lead is called within an hour (the owner is told when late), sent an offer and called again three days later; won gets a thank-you e-mail, otherwise the lead is lost."),
        Template("monthly-billing",
            "Ежемесячное выставление счетов",
            "Monthly billing run",
            "1-го числа каждого месяца в 09:00 владелец процесса получает задачу выставить счета; если за два дня не сделано — сообщают руководителю, по готовности ему уходит письмо.",
            "On the 1st of every month at 09:00 the process owner gets the task to issue the invoices; the team head is told when it is two days late and e-mailed when it is done."),
        Template("client-onboarding",
            "Подключение клиента",
            "Client onboarding",
            "Новой компании одновременно звонят с приветствием и отправляют договор; когда сделано и то и другое, через неделю менеджер уточняет первый заказ.",
            "A new company gets a welcome call and the contract at the same time; once both are done, the manager follows up on the first order within a week."),
    ];

    private static BuiltInProcessTemplate Template(string id, string nameRu, string nameEn, string descriptionRu, string descriptionEn)
    {
        var resource = $"ProcessTemplates.{id}.bpmn";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The built-in process template {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return new BuiltInProcessTemplate(id, nameRu, nameEn, descriptionRu, descriptionEn, reader.ReadToEnd());
    }
}
