using Bunit;
using CrmSuite.Gateway.UI.Kpi;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Kpi.Contracts;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>
/// My KPI: the person's measures (plan, actual, achievement), total and bonus for the period; an
/// empty state saying no scheme applies; a figure opens the facts behind it, each linking to what it
/// is about by its title, never an id.
/// </summary>
public sealed class KpiMyPageTests : KpiTest
{
    public KpiMyPageTests()
    {
        SignInWith(Permissions.KpiRead, Permissions.ClientsRead);
    }

    [Fact]
    public void Without_a_scheme_for_the_month_or_the_quarter_the_page_says_no_scheme_applies()
    {
        var page = Render<MyKpiPage>();

        page.WaitForElement("[data-testid=kpi-no-scheme]");
        Assert.Contains(Texts.Kpi.NoScheme.En, page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=kpi-result]"));
        // The month first, then the quarter (a quarterly scheme), both for the signed-in person.
        Assert.Equal(2, KpiResultsApi.ResultRequests.Count);
        Assert.Matches(@"^\d{4}-\d{2}$", KpiResultsApi.ResultRequests[0].Period);
        Assert.Matches(@"^\d{4}-Q[1-4]$", KpiResultsApi.ResultRequests[1].Period);
        Assert.All(KpiResultsApi.ResultRequests, r => Assert.Equal("user-1", r.UserId));
    }

    [Fact]
    public void A_quarterly_scheme_shows_the_quarter_when_the_month_has_none()
    {
        KpiResultsApi.OnResults = request => PeriodCodes.IsQuarter(request.Period) ? Mine(request.Period) : new GetResultsResponse { Period = request.Period, Status = "open" };

        var page = Render<MyKpiPage>();

        page.WaitForElement("[data-testid=kpi-result]");
        Assert.Empty(page.FindAll("[data-testid=kpi-no-scheme]"));
        Assert.Contains(Texts.Kpi.Quarter.En, page.Find("[data-testid=kpi-period-kind]").OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_measures_total_and_bonus_are_shown_and_a_figure_opens_its_facts_linking_to_the_deal()
    {
        KpiResultsApi.OnResults = request => Mine(request.Period);
        var days = PeriodCodes.Days(PeriodCodes.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow)))!.Value;
        var day = PeriodCodes.Day(days.First);
        KpiFactsApi.Facts.Add(new Fact
        {
            Id = "f-1", Kind = "deal-won", UserId = "user-1", Day = day, OccurredAt = day + "T10:00:00Z", DealId = "deal-7", CompanyId = "company-3",
            Title = "Поставка станков", Amount = "150000.00", Currency = "RUB",
        });
        KpiFactsApi.Facts.Add(new Fact { Id = "f-2", Kind = "call-made", UserId = "user-1", Day = day, OccurredAt = day + "T11:00:00Z", ItemId = "item-1", Title = "Звонок ООО «Альфа»" });
        CompaniesApi.OnGet = request => Fakes.Calls.Ok(new CrmSuite.Clients.Contracts.Company { Id = request.Id, Name = "ООО «Станкомаш»" });

        var page = Render<MyKpiPage>();

        page.WaitForElement("[data-testid=kpi-result]");
        Assert.Equal("87.5%", page.Find("[data-testid=kpi-total]").TextContent.Trim());
        Assert.Equal(12500m.ToString("#,0.00", System.Globalization.CultureInfo.CurrentCulture), page.Find("[data-testid=kpi-bonus]").TextContent.Trim());
        Assert.Equal(["Deals won", "Calls made"], page.FindAll("[data-testid=kpi-measure-name]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["75%", "100%"], page.FindAll("[data-testid=kpi-measure-achievement]").Select(e => e.TextContent.Trim()));

        page.Find("[data-testid=kpi-figure-deals_won_count]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=kpi-fact-link]")));
        var link = page.Find("[data-testid=kpi-fact-link]");
        Assert.Equal("Поставка станков", link.TextContent.Trim());
        Assert.Equal("clients/company-3", link.GetAttribute("href"));
        Assert.DoesNotContain("deal-7", page.Find("[data-testid=kpi-facts]").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("ООО «Станкомаш»", page.Find("[data-testid=kpi-fact-company]").TextContent.Trim()));
        var request = Assert.Single(KpiFactsApi.FactRequests);
        Assert.Equal(("deal-won", "user-1", day, PeriodCodes.Day(days.Last)), (request.Kind, request.UserId, request.From, request.To));

        page.Find("[data-testid=kpi-figure-calls_made]").Click();

        page.WaitForAssertion(() => Assert.Equal("Звонок ООО «Альфа»", page.Find("[data-testid=kpi-fact-link]").TextContent.Trim()));
        Assert.Equal($"calendar?date={day}", page.Find("[data-testid=kpi-fact-link]").GetAttribute("href"));
    }

    [Fact]
    public void A_bonus_the_formula_could_not_compute_says_why()
    {
        KpiResultsApi.OnResults = request =>
        {
            var answer = Mine(request.Period);
            answer.Results[0].Bonus = "";
            answer.Results[0].BonusError = "division by zero at line 1, column 13";
            return answer;
        };

        var page = Render<MyKpiPage>();

        page.WaitForElement("[data-testid=kpi-bonus-error]");
        Assert.Contains("division by zero at line 1, column 13", page.Find("[data-testid=kpi-bonus-error]").TextContent, StringComparison.Ordinal);
    }

    internal static GetResultsResponse Mine(string period) => new()
    {
        Period = period,
        Status = "open",
        Results =
        {
            new PersonResult
            {
                UserId = "user-1", PersonName = "Anna Petrova", TeamName = "Продажи", SchemeId = "s-1", SchemeName = "Менеджеры", SchemeVersion = 2,
                TotalAchievement = "87.50", BaseSalary = "50000.00", Bonus = "12500.00",
                Measures =
                {
                    new MeasureResult { MeasureCode = "deals_won_count", MeasureName = "Deals won", Unit = "count", Fact = "3", Plan = "4", Weight = "50", Achievement = "75.00" },
                    new MeasureResult { MeasureCode = "calls_made", MeasureName = "Calls made", Unit = "count", Fact = "20", Plan = "20", Weight = "50", Achievement = "100.00" },
                },
            },
        },
    };
}
