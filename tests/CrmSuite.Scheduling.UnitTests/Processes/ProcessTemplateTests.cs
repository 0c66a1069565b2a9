using System.Globalization;
using System.Xml.Linq;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Processes.Templates;

namespace CrmSuite.Scheduling.UnitTests.Processes;

/// <summary>The built-in templates a company starts from compile, draw in bpmn-js and say what starts them.</summary>
public sealed class ProcessTemplateTests
{
    public static TheoryData<string> TemplateIds => ["new-lead", "monthly-billing", "client-onboarding"];

    public static TheoryData<string, bool> TemplatesInBothLanguages => new()
    {
        { "new-lead", false }, { "new-lead", true }, { "monthly-billing", false }, { "monthly-billing", true },
        { "client-onboarding", false }, { "client-onboarding", true },
    };

    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Crm = "http://crmsuite.dev/schema/bpmn/1.0";

    [Theory]
    [MemberData(nameof(TemplatesInBothLanguages))]
    public void Every_built_in_template_compiles_with_no_problems_in_both_languages(string id, bool english)
    {
        var template = ProcessTemplates.Find(id);

        Assert.NotNull(template);
        var result = BpmnCompiler.Compile(template.XmlIn(english));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems.Select(p => $"{p.ElementId} {p.Code}: {p.MessageEn}")));
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void A_Russian_company_gets_every_step_event_gateway_and_flow_name_and_e_mail_in_Russian_and_the_same_process(string id)
    {
        var template = ProcessTemplates.Find(id)!;
        var russian = XDocument.Parse(template.XmlRu);

        // Every text a person reads: names (messages are trigger keys, not words), documentation, e-mails.
        var texts = russian.Descendants().Where(e => e.Name != Bpmn + "message").Select(e => ((string?)e.Attribute("name"), e.Name.LocalName))
            .Concat(russian.Descendants(Bpmn + "documentation").Select(d => ((string?)d.Value, "documentation")))
            .Concat(russian.Descendants().SelectMany(e => new[] { e.Attribute(Crm + "emailSubject"), e.Attribute(Crm + "emailBody") })
                .Where(a => a is not null).Select(a => ((string?)a!.Value, a.Name.LocalName)))
            .Where(t => t.Item1 is not null).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.DoesNotMatch("[A-Za-z]", t.Item1!));
        Assert.Contains(texts, t => t.Item1 is "Позвонить лиду" or "Выставить счета" or "Приветственный звонок");

        // The same process: ids, conditions, timers, task settings and layout; only the words differ.
        var en = BpmnCompiler.Compile(template.XmlEn).Definition!;
        var ru = BpmnCompiler.Compile(template.XmlRu).Definition!;
        Assert.Equal(en.Nodes.Keys.Order(), ru.Nodes.Keys.Order());
        Assert.Equal(en.Flows.Values.Select(f => (f.Id, f.Condition)), ru.Flows.Values.Select(f => (f.Id, f.Condition)));
        Assert.Equal(en.StartEvents.Select(s => s.Trigger), ru.StartEvents.Select(s => s.Trigger));
        Assert.Equal(ShapeBounds(XDocument.Parse(template.XmlEn)), ShapeBounds(russian));
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void A_Russian_label_is_drawn_wide_enough_that_no_word_breaks_and_stays_where_the_English_one_was(string id)
    {
        var template = ProcessTemplates.Find(id)!;
        var english = Labels(XDocument.Parse(template.XmlEn));
        var russian = Labels(XDocument.Parse(template.XmlRu));

        Assert.Equal(english.Keys.Order(), russian.Keys.Order());
        Assert.All(russian, label =>
        {
            // bpmn-js wraps a label inside its bounds at 11 px: a word needs about 6 px a character.
            var longestWord = label.Value.Name.Split(' ').Max(w => w.Length);
            Assert.True(label.Value.Width >= longestWord * 6, $"{label.Key} «{label.Value.Name}» is {label.Value.Width} wide");
            Assert.Equal(english[label.Key].CentreX, label.Value.CentreX, 0.5);
        });
    }

    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";

    private static IEnumerable<string> ShapeBounds(XDocument diagram) =>
        diagram.Descendants().Where(e => e.Name == Di + "BPMNShape").Select(s => s.Element(Dc + "Bounds")!.ToString());

    private static Dictionary<string, (string Name, double Width, double CentreX)> Labels(XDocument diagram)
    {
        var names = diagram.Descendants().Where(e => e.Attribute("id") is not null && e.Attribute("name") is not null)
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("name")!);
        return diagram.Descendants(Di + "BPMNLabel").Select(l => (Id: (string)l.Parent!.Attribute("bpmnElement")!, Bounds: l.Element(Dc + "Bounds")!))
            .Where(l => names.ContainsKey(l.Id))
            .ToDictionary(l => l.Id, l => (names[l.Id], (double)l.Bounds.Attribute("width")!, (double)l.Bounds.Attribute("x")! + (double)l.Bounds.Attribute("width")! / 2));
    }

    [Fact]
    public void The_Russian_new_lead_template_names_its_steps_as_a_Russian_director_expects()
    {
        var process = BpmnCompiler.Compile(ProcessTemplates.Find("new-lead")!.XmlRu).Definition!;

        Assert.Equal("Позвонить лиду", process.Nodes["Task_CallLead"].Name);
        Assert.Equal(["Выигран", "Проигран"], process.Nodes.Values.OfType<EndEvent>().Select(e => e.Name));
        Assert.Equal("won == true", process.Flows["Flow_Won"].Condition);
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Every_template_has_titles_in_both_languages_and_a_shape_for_every_step_and_an_edge_for_every_flow(string id)
    {
        var template = ProcessTemplates.Find(id)!;
        Assert.All([template.NameRu, template.DescriptionRu], t => Assert.Matches("[а-яА-Я]", t));
        Assert.All([template.NameEn, template.DescriptionEn], t => Assert.Matches("^[ -~]+$", t));

        var definition = BpmnCompiler.Compile(template.XmlEn).Definition!;
        var drawn = XDocument.Parse(template.XmlEn).Descendants(XNamespace.Get("http://www.omg.org/spec/BPMN/20100524/DI") + "BPMNShape")
            .Concat(XDocument.Parse(template.XmlEn).Descendants(XNamespace.Get("http://www.omg.org/spec/BPMN/20100524/DI") + "BPMNEdge"))
            .Select(e => (string)e.Attribute("bpmnElement")!).ToHashSet();
        Assert.Superset(drawn, definition.Nodes.Keys.Concat(definition.Flows.Keys).ToHashSet());
    }

    [Fact]
    public void The_new_lead_template_calls_within_an_hour_offers_waits_three_days_and_decides_won_or_lost()
    {
        var process = BpmnCompiler.Compile(ProcessTemplates.Find("new-lead")!.XmlEn).Definition!;

        Assert.Equal(TriggerKind.LeadCreated, process.StartEvents.Single().Trigger);
        var call = Assert.IsType<UserTask>(process.Nodes["Task_CallLead"]);
        Assert.Equal(("call", "PT1H"), (call.TaskType, call.DueIn));
        Assert.Equal([15], call.ReminderMinutes!);
        Assert.Equal(("PT1H", false, "notify"), (call.BoundaryTimers.Single().Timer.Duration, call.BoundaryTimers.Single().Interrupting, call.BoundaryTimers.Single().OnLate));
        Assert.Equal(("email", "P1D"), (Assert.IsType<UserTask>(process.Nodes["Task_SendOffer"]).TaskType, ((UserTask)process.Nodes["Task_SendOffer"]).DueIn));
        Assert.Equal("P3D", Assert.IsType<IntermediateTimer>(process.Nodes["Timer_Wait3Days"]).Timer.Duration);
        Assert.Equal("Flow_Lost", Assert.IsType<ExclusiveGateway>(process.Nodes["Gateway_Won"]).DefaultFlow);
        Assert.Equal("won == true", process.Flows["Flow_Won"].Condition);
        Assert.Equal(["Won", "Lost"], process.Nodes.Values.OfType<EndEvent>().Select(e => e.Name));
    }

    [Fact]
    public void The_templates_triggers_read_in_English_and_Russian()
    {
        string[] Words(string id, string culture) =>
            [.. TriggerWords.Describe(BpmnCompiler.Compile(ProcessTemplates.Find(id)!.XmlEn).Definition!, CultureInfo.GetCultureInfo(culture))];

        Assert.Equal(["Lead created"], Words("new-lead", "en"));
        Assert.Equal(["Создан лид"], Words("new-lead", "ru-RU"));
        Assert.Equal(["Every month from 1 Jan 2027 09:00"], Words("monthly-billing", "en-US"));
        Assert.Equal(["Каждый месяц с 1 января 2027 09:00"], Words("monthly-billing", "ru"));
        Assert.Equal(["Company created"], Words("client-onboarding", "en"));
        Assert.Equal(["Создана компания"], Words("client-onboarding", "ru"));
    }

    [Fact]
    public void Other_triggers_read_in_words_with_stage_names_not_ids_and_times_in_the_viewer_s_zone()
    {
        var everything = BpmnCompiler.Compile(BpmnFixtures.Read("good/every-element.bpmn")).Definition!;
        var timers = BpmnCompiler.Compile(BpmnFixtures.Read("good/timer-starts.bpmn")).Definition!;
        Func<string, string?> stages = id => id == "stage-won" ? "Won" : null;

        Assert.Equal(["By hand", "Lead created", "Deal moved to the stage \"Won\"", "Company created"],
            TriggerWords.Describe(everything, CultureInfo.GetCultureInfo("en"), stages));
        Assert.Equal(["Вручную", "Создан лид", "Сделка перешла на выбранную стадию", "Создана компания"],
            TriggerWords.Describe(everything, CultureInfo.GetCultureInfo("ru")));
        Assert.Equal(["Once on 1 Mar 2027 10:00", "Every week from 4 Jan 2027 09:00, 12 times"], TriggerWords.Describe(timers, CultureInfo.GetCultureInfo("en")));
        Assert.Equal(["Однократно 1 марта 2027 10:00", "Каждую неделю с 4 января 2027 09:00, 12 раз"], TriggerWords.Describe(timers, CultureInfo.GetCultureInfo("ru")));
        Assert.Equal(["Once on 1 Mar 2027 08:00", "Every week from 4 Jan 2027 09:00, 12 times"],
            TriggerWords.Describe(timers, CultureInfo.GetCultureInfo("en"), zone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }
}
