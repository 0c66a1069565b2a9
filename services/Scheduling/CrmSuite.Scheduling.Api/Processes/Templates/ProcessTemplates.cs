using System.Reflection;
using System.Xml.Linq;

namespace CrmSuite.Scheduling.Api.Processes.Templates;

/// <summary>
/// A built-in process a company starts from: its titles and its BPMN diagram in Russian and in
/// English (the step names are what people see in their tasks, so a company gets them in its
/// designer's language).
/// </summary>
public sealed record BuiltInProcessTemplate(string Id, string NameRu, string NameEn, string DescriptionRu, string DescriptionEn, string XmlRu, string XmlEn)
{
    public string XmlIn(bool english) => english ? XmlEn : XmlRu;
}

/// <summary>
/// The built-in templates (ListProcessTemplates, CreateProcess with a template id). Each is a
/// complete .bpmn file embedded in this assembly (Processes/Templates/*.bpmn), laid out for
/// bpmn-js, with English element names; the Russian diagram is the same file with the names and
/// e-mail texts below put in (ids, conditions, timers and the layout stay). Both compile with no
/// problems (a unit test says so).
/// </summary>
public static partial class ProcessTemplates
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Crm = "http://crmsuite.dev/schema/bpmn/1.0";
    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";

    private static readonly Lazy<IReadOnlyList<BuiltInProcessTemplate>> Templates = new(Load);

    public static IReadOnlyList<BuiltInProcessTemplate> All => Templates.Value;

    public static BuiltInProcessTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    private static IReadOnlyList<BuiltInProcessTemplate> Load() =>
    [
        Template("new-lead",
            "Новый лид: звонок, предложение, дожим",
            "New lead: call, offer, follow-up",
            "Новому лиду звонят в течение часа (ответственному напомнят, если не успел), отправляют предложение, через три дня перезванивают; выигран — благодарственное письмо, иначе — проигран.",
            "A new lead is called within an hour (the owner is told when late), sent an offer and called again three days later; won gets a thank-you e-mail, otherwise the lead is lost.",
            NewLeadRu),
        Template("monthly-billing",
            "Ежемесячное выставление счетов",
            "Monthly billing run",
            "1-го числа каждого месяца в 09:00 владелец процесса получает задачу выставить счета; если за два дня не сделано — сообщают руководителю, по готовности ему уходит письмо.",
            "On the 1st of every month at 09:00 the process owner gets the task to issue the invoices; the team head is told when it is two days late and e-mailed when it is done.",
            MonthlyBillingRu),
        Template("client-onboarding",
            "Подключение клиента",
            "Client onboarding",
            "Новой компании одновременно звонят с приветствием и отправляют договор; когда сделано и то и другое, через неделю менеджер уточняет первый заказ.",
            "A new company gets a welcome call and the contract at the same time; once both are done, the manager follows up on the first order within a week.",
            ClientOnboardingRu),
    ];

    private static BuiltInProcessTemplate Template(string id, string nameRu, string nameEn, string descriptionRu, string descriptionEn,
        IReadOnlyDictionary<string, string> russian)
    {
        var resource = $"ProcessTemplates.{id}.bpmn";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The built-in process template {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        var xml = reader.ReadToEnd();
        return new BuiltInProcessTemplate(id, nameRu, nameEn, descriptionRu, descriptionEn, Translate(resource, xml, russian), xml);
    }

    /// <summary>
    /// The diagram with the texts of <paramref name="texts"/> put in. A key is an element's id (its
    /// name), "id/documentation" (its documentation) or "id/attribute" (a crm: attribute, e.g. an
    /// e-mail's subject). A key that matches nothing is a typo and fails loudly at start-up.
    /// </summary>
    private static string Translate(string resource, string xml, IReadOnlyDictionary<string, string> texts)
    {
        var document = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
        var elements = document.Descendants().Where(e => e.Attribute("id") is not null).ToDictionary(e => (string)e.Attribute("id")!);
        foreach (var (key, text) in texts)
        {
            var (id, part) = key.IndexOf('/') is var slash and >= 0 ? (key[..slash], key[(slash + 1)..]) : (key, null);
            if (!elements.TryGetValue(id, out var element) || (part is not null and not "documentation" && element.Attribute(Crm + part) is null))
            {
                throw new InvalidOperationException($"The Russian text \"{key}\" matches nothing in {resource}.");
            }
            switch (part)
            {
                case null:
                    element.SetAttributeValue("name", text);
                    FitLabel(document, id, text);
                    break;
                case "documentation":
                    (element.Element(Bpmn + "documentation") ?? throw new InvalidOperationException($"{key} has no documentation in {resource}.")).Value = text;
                    break;
                default:
                    element.SetAttributeValue(Crm + part, text);
                    break;
            }
        }
        return document.Declaration + document.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// bpmn-js wraps an event's, a gateway's or a flow's label inside its drawn bounds, so an English
    /// "Won" box (24 wide) would break «Выигран» mid-word. The box grows around its centre to the
    /// text's width (about 7 px a character at bpmn-js's 11 px font), at most bpmn-js's own 90, with
    /// a 14 px line for each wrapped line.
    /// </summary>
    private static void FitLabel(XDocument document, string id, string text)
    {
        var bounds = document.Descendants().Where(e => (e.Name == Di + "BPMNShape" || e.Name == Di + "BPMNEdge") && (string?)e.Attribute("bpmnElement") == id)
            .Elements(Di + "BPMNLabel").Elements(Dc + "Bounds").FirstOrDefault();
        if (bounds is null)
        {
            return;
        }
        const int charWidth = 7, maxWidth = 90, lineHeight = 14;
        var x = (double)bounds.Attribute("x")!;
        var width = (double)bounds.Attribute("width")!;
        var wanted = Math.Min(maxWidth, text.Length * charWidth);
        if (wanted > width)
        {
            bounds.SetAttributeValue("x", Math.Round(x - (wanted - width) / 2));
            bounds.SetAttributeValue("width", wanted);
        }
        var lines = (int)Math.Ceiling(text.Length * charWidth / (double)maxWidth);
        if (lines * lineHeight > (double)bounds.Attribute("height")!)
        {
            bounds.SetAttributeValue("height", lines * lineHeight - (lines > 1 ? 1 : 0));
        }
    }
}
