using CrmSuite.Scheduling.Api.Processes.Model;

namespace CrmSuite.Scheduling.UnitTests.Processes;

/// <summary>The e-mail step's Liquid subject and body: what the mail says, and what saving the process refuses.</summary>
public sealed class MailTemplateTests
{
    private static readonly Guid Company = Guid.Parse("0191f1a2-0000-7000-8000-000000000001");

    private static Task<string> RenderAsync(string template, params (string Name, string Value)[] variables) =>
        MailTemplates.RenderAsync(template, new MailModel(variables.ToDictionary(v => v.Name, v => v.Value), "ООО «Ромашка» & Co", Company, null, null),
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task Variables_the_records_name_and_ids_fill_the_template_and_nothing_is_html_encoded()
    {
        var text = await RenderAsync("Offer for {{ record.name }} ({{record.company_id}}): {{ amount }} <{{ currency }}>",
            ("amount", "150000.00"), ("currency", "RUB"));

        Assert.Equal($"Offer for ООО «Ромашка» & Co ({Company}): 150000.00 <RUB>", text);
    }

    [Fact]
    public async Task Liquid_tags_and_filters_work_and_a_variable_the_instance_lacks_is_empty()
    {
        var text = await RenderAsync("{% if source == 'site' %}From the site{% else %}Other{% endif %}: {{ region | upcase }}.{{ missing }}|{{ record.deal_id }}|",
            ("source", "site"), ("region", "north"));

        Assert.Equal("From the site: NORTH.||", text);
    }

    [Theory]
    [InlineData("Hello {{ name }}")]
    [InlineData("{% for i in (1..3) %}{{ i }}{% endfor %}")]
    [InlineData("Plain text without Liquid")]
    public void A_valid_template_has_no_problem(string template) => Assert.Null(MailTemplates.Problem(template));

    [Theory]
    [InlineData("Hello {{ name ", "Line 1")]
    [InlineData("{% if amount %}\nyes", "Line 2")]
    [InlineData("{{ name | shout }}", "shout")]
    public void A_broken_template_names_what_is_wrong(string template, string words)
    {
        var problem = MailTemplates.Problem(template);

        Assert.NotNull(problem);
        Assert.Contains(words, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email-unclosed-liquid-tag.bpmn", "body")]
    [InlineData("email-unknown-liquid-filter.bpmn", "subject")]
    public void A_bad_liquid_template_in_an_email_step_is_a_compile_problem_naming_the_element(string file, string which)
    {
        var result = BpmnCompiler.Compile(BpmnFixtures.Read($"bad/{file}"));

        Assert.Null(result.Definition);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("Task_Mail", CompileProblems.BadTemplate), (problem.ElementId, problem.Code));
        Assert.Contains($"The e-mail's {which} is not a valid Liquid template", problem.MessageEn, StringComparison.Ordinal);
        Assert.Contains("ошибка Liquid", problem.MessageRu, StringComparison.Ordinal);
    }
}
