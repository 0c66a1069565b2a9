using Bunit;
using CrmSuite.Gateway.UI.Kpi;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;
using CrmSuite.Identity.Contracts;
using CrmSuite.Kpi.Contracts;
using Radzen.Blazor;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// The scheme editor (kpi.configure): the formula check shows each problem with its line and column
/// at the formula field; a refused save shows each message beside the field it names; the target is
/// picked by name; without kpi.configure the editor is neither linked nor opened.
/// </summary>
public sealed class KpiSchemeEditorTests : KpiTest
{
    public KpiSchemeEditorTests()
    {
        SignInWith(Permissions.KpiRead, Permissions.KpiConfigure, Permissions.ClientsRead);
        AdministrationApi.People.People.Add(new Person { Id = "user-9", DisplayName = "Boris Orlov", UserName = "boris" });
        AdministrationApi.People.Teams.Add(new TeamName { Id = "team-1", Name = "Продажи Москва" });
    }

    [Fact]
    public async Task Check_shows_each_formula_problem_with_its_line_and_column_at_the_formula_field()
    {
        KpiSchemesApi.OnCheck = request => new CheckFormulaResponse
        {
            Problems =
            {
                new FormulaProblem { Message = "Unknown variable 'bonus_rate'", Line = 2, Column = 15, Near = "bonus_rate" },
                new FormulaProblem { Message = "Division by zero", Line = 1, Column = 13, Near = "/" },
            },
        };
        var page = Render<SchemeEditorPage>();
        page.WaitForElement("[data-testid=kpi-formula]");
        await AddMeasureAsync(page, "calls_made", "200", "30");
        page.Find("[data-testid=kpi-formula] textarea, textarea[data-testid=kpi-formula]").Input("base_salary / 0 +\n  base_salary * bonus_rate");

        page.Find("[data-testid=kpi-formula-check]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=kpi-formula-problem]").Count));
        var field = page.Find("[data-testid=kpi-formula-field]");
        Assert.Equal(
            ["Line 2, column 15: Unknown variable 'bonus_rate'", "Line 1, column 13: Division by zero"],
            field.QuerySelectorAll("[data-testid=kpi-formula-problem]").Select(e => e.TextContent.Trim()));
        var sent = Assert.Single(KpiSchemesApi.Checked);
        Assert.Equal("base_salary / 0 +\n  base_salary * bonus_rate", sent.Formula);
        Assert.Equal("calls_made", Assert.Single(sent.Measures).MeasureCode);
    }

    [Fact]
    public async Task A_good_formula_shows_the_sample_bonus_and_the_variables_insert_into_the_formula()
    {
        KpiSchemesApi.OnCheck = _ => new CheckFormulaResponse { SampleBonus = "5000.00", Variables = { "fact_calls_made", "total_ach", "base_salary" } };
        var page = Render<SchemeEditorPage>();
        page.WaitForElement("[data-testid=kpi-formula]");
        await AddMeasureAsync(page, "calls_made", "200", "30");

        page.FindAll("[data-testid=kpi-formula-variable]").Single(b => b.TextContent.Trim() == "base_salary").Click();
        page.FindAll("[data-testid=kpi-formula-variable]").Single(b => b.TextContent.Trim() == "ach_calls_made").Click();
        page.Find("[data-testid=kpi-formula-check]").Click();

        page.WaitForElement("[data-testid=kpi-formula-good]");
        Assert.Equal("base_salary ach_calls_made", KpiSchemesApi.Checked[^1].Formula);
        Assert.Contains(5000m.ToString("#,0.00", System.Globalization.CultureInfo.CurrentCulture), page.Find("[data-testid=kpi-formula-good]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=kpi-formula-problem]"));
    }

    [Fact]
    public async Task A_refused_save_shows_each_message_beside_the_field_it_names_and_the_person_is_picked_by_name()
    {
        KpiSchemesApi.OnSave = _ => Calls.Fail<Scheme>(Calls.Invalid(
            ("measures[0].plan", "The plan must be more than 0."),
            ("formula", "Line 1, column 5: unknown variable 'x'.")));
        var page = Render<SchemeEditorPage>();
        page.WaitForElement("[data-testid=kpi-scheme-name]");
        page.Find("input[data-testid=kpi-scheme-name], [data-testid=kpi-scheme-name] input").Change("Менеджеры");
        await page.InvokeAsync(() => page.FindComponents<RadzenSelectBar<string>>()
            .Single(c => TestId(c.Instance) == "kpi-scheme-target-kind").Instance.ValueChanged.InvokeAsync(SchemeDraft.PersonTarget));
        var target = page.FindComponents<RadzenDropDown<string>>().Single(c => TestId(c.Instance) == "kpi-scheme-target-id");
        Assert.Contains("Boris Orlov", target.Markup, StringComparison.Ordinal);
        await page.InvokeAsync(() => target.Instance.ValueChanged.InvokeAsync("user-9"));
        await AddMeasureAsync(page, "calls_made", "0", "30");

        page.Find("[data-testid=kpi-scheme-save]").Click();

        page.WaitForElement("[data-testid='field-error-measures[0].plan']");
        Assert.Equal("The plan must be more than 0.", page.Find("[data-testid='field-error-measures[0].plan']").TextContent.Trim());
        // The formula's message is at the formula field, not only in the summary.
        Assert.NotNull(page.Find("[data-testid=kpi-formula-field] [data-testid=field-error-formula]"));
        var sent = Assert.Single(KpiSchemesApi.Saved);
        Assert.Equal(("", "Менеджеры", "person", "user-9"), (sent.SchemeId, sent.Name, sent.Target.Kind, sent.Target.Id));
        Assert.Empty(page.FindAll("[data-testid=kpi-scheme-saved]"));
    }

    [Fact]
    public void An_existing_scheme_saves_a_new_version_from_the_one_edited_and_shows_the_history()
    {
        var v1 = Version(1, "base_salary * 0.1");
        var v2 = Version(2, "base_salary * total_ach / 1000");
        KpiSchemesApi.Schemes.Add(new Scheme { SchemeId = "s-1", Current = v2, Versions = { v1, v2 } });
        var page = Render<SchemeEditorPage>(p => p.Add(e => e.Id, "s-1"));
        page.WaitForElement("[data-testid=kpi-scheme-history]");
        Assert.Equal(["2", "1"], page.FindAll("[data-testid=kpi-scheme-version] td:first-child").Select(e => e.TextContent.Trim()));
        Assert.Contains("Calls made 200 × 30", page.Find("[data-testid=kpi-scheme-history]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=kpi-scheme-save]").Click();

        page.WaitForElement("[data-testid=kpi-scheme-saved]");
        var sent = Assert.Single(KpiSchemesApi.Saved);
        Assert.Equal(("s-1", 2, "base_salary * total_ach / 1000"), (sent.SchemeId, sent.ExpectedVersion, sent.Formula));
    }

    [Fact]
    public void Without_kpi_configure_the_schemes_are_not_linked_and_the_editor_does_not_open()
    {
        SignInWith(Permissions.KpiRead);

        var sections = Render<KpiSections>();
        Assert.Empty(sections.FindAll("[data-testid=kpi-section-schemes]"));
        Assert.Empty(sections.FindAll("[data-testid=kpi-section-periods]"));
        Assert.NotNull(sections.Find("[data-testid=kpi-section-my]"));

        Navigation.NavigateTo("kpi/schemes/new");
        Interactive();
        var routes = Render<Routes>();
        Assert.NotNull(routes.Find("[data-testid=not-allowed]"));
        Assert.Empty(routes.FindAll("[data-testid=kpi-formula]"));
    }

    [Fact]
    public void The_schemes_list_says_so_when_there_are_none_and_names_each_schemes_target()
    {
        var page = Render<SchemesPage>();
        page.WaitForElement("[data-testid=kpi-schemes-empty]");

        KpiSchemesApi.Schemes.Add(new Scheme { SchemeId = "s-1", Current = Version(3, "base_salary") });
        page = Render<SchemesPage>();

        page.WaitForAssertion(() => Assert.Equal("Менеджеры", page.Find("[data-testid=kpi-scheme-link]").TextContent.Trim()));
        Assert.Contains($"{Texts.KpiSchemes.ForRole.En}: {Texts.Roles.Of("SalesManager").En}", page.Markup, StringComparison.Ordinal);
        Assert.Equal("kpi/schemes/s-1", page.Find("[data-testid=kpi-scheme-link]").GetAttribute("href"));
    }

    private static string? TestId(Radzen.RadzenComponent component) =>
        component.Attributes?.TryGetValue("data-testid", out var id) == true ? id as string : null;

    private static SchemeVersion Version(int number, string formula) => new()
    {
        Version = number, Name = "Менеджеры", Target = new SchemeTarget { Kind = "role", Id = "SalesManager" }, PeriodKind = "month",
        Formula = formula, BaseSalary = "50000", CreatedAt = "2026-03-01T09:00:00Z", CreatedBy = "Anna Petrova",
        Measures = { new SchemeMeasure { MeasureCode = "calls_made", Plan = "200", Weight = "30" } },
    };

    private static async Task AddMeasureAsync(IRenderedComponent<SchemeEditorPage> page, string code, string plan, string weight)
    {
        page.Find("[data-testid=kpi-scheme-measure-add]").Click();
        var row = page.FindComponents<RadzenDropDown<string>>().Last(c => TestId(c.Instance) == "kpi-scheme-measure-code");
        await page.InvokeAsync(() => row.Instance.ValueChanged.InvokeAsync(code));
        page.FindAll("input[data-testid=kpi-scheme-measure-plan], [data-testid=kpi-scheme-measure-plan] input")[^1].Change(plan);
        page.FindAll("input[data-testid=kpi-scheme-measure-weight], [data-testid=kpi-scheme-measure-weight] input")[^1].Change(weight);
    }
}
