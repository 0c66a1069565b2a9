using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>
/// Issue 14 in Chromium through the gateway and the whole suite: a director defines a KPI scheme for
/// sales managers in the scheme editor (deals won and calls made, a bonus formula using them, checked
/// first); a sales manager wins deals and logs calls through the real clients and scheduling services;
/// the facts reach the KPI through the outbox and pub/sub; the manager opens My KPI, sees the figures,
/// the total achievement and the bonus the formula gives, and opens the facts behind "Deals won",
/// whose deal titles link to the deal's company card.
/// </summary>
public sealed class KpiBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private const string ChosenPassword = "Kpi-Chosen-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_director_defines_a_scheme_a_manager_wins_deals_and_logs_calls_and_sees_the_figures_the_bonus_and_the_deals_behind_them()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var directorName = $"kpi.director.{suffix}";
        var managerName = $"kpi.manager.{suffix}";
        var schemeName = $"Менеджеры {suffix}";
        var directorOneTime = await suite.CreateUserAsync(directorName, "Director");
        var (managerId, managerOneTime) = await suite.CreateUserWithIdAsync(managerName, "SalesManager");

        // The director's scheme: 2 deals won (weight 60) and 4 calls (weight 40); a bonus of 10 % of the base salary at
        // full deals achievement plus 100 per call.
        var director = await browser.NewPageAsync(suite.GatewayAddress);
        try
        {
            await browser.SignInFirstTimeAsync(director, directorName, directorOneTime, ChosenPassword);
            await browser.OpenAsync(director, "/kpi");
            await director.GetByTestId("kpi-section-schemes").ClickAsync();
            await director.GetByTestId("kpi-scheme-new").ClickAsync();
            await browser.InteractiveAsync(director);
            await BrowserFixture.FillFieldAsync(director, "kpi-scheme-name", schemeName);
            await director.GetByTestId("kpi-scheme-target-id").ClickAsync();
            await director.Locator(".rz-dropdown-item:visible", new() { HasText = "Sales manager" }).First.ClickAsync();
            await Expect(director.GetByTestId("kpi-scheme-target-id")).ToContainTextAsync("Sales manager");
            await BrowserFixture.FillFieldAsync(director, "kpi-scheme-base-salary", "50000");
            await AddMeasureAsync(director, 0, "Deals won", "2", "60");
            await AddMeasureAsync(director, 1, "Calls made", "4", "40");

            // A mistyped variable is shown at the formula with its line and column; the corrected formula checks good.
            await BrowserFixture.FillFieldAsync(director, "kpi-formula", "base_salary * 0.1 * ach_deals_won_count / 100 + fact_calls_made * bonus_rate");
            await director.GetByTestId("kpi-formula-check").ClickAsync();
            var problem = director.GetByTestId("kpi-formula-field").GetByTestId("kpi-formula-problem");
            await Expect(problem).ToContainTextAsync("Line 1, column ");
            await Expect(problem).ToContainTextAsync("bonus_rate");
            await BrowserFixture.FillFieldAsync(director, "kpi-formula", "base_salary * 0.1 * ach_deals_won_count / 100 + fact_calls_made * 100");
            await director.GetByTestId("kpi-formula-check").ClickAsync();
            await Expect(director.GetByTestId("kpi-formula-good")).ToBeVisibleAsync();
            await Expect(director.GetByTestId("kpi-formula-problem")).ToHaveCountAsync(0);

            await director.GetByTestId("kpi-scheme-save").ClickAsync();
            await Expect(director.GetByTestId("kpi-scheme-saved")).ToContainTextAsync("version 1");
            await Expect(director.GetByTestId("kpi-scheme-version")).ToHaveCountAsync(1);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(director), ex);
        }

        // The manager's work, through the real services: two deals won, three calls logged.
        var token = (await suite.Oidc.SignInAsync(managerName, managerOneTime, ChosenPassword, Ct)).AccessToken;
        var company = await suite.CallAsAsync(token, HttpMethod.Post, "/api/clients/v1/companies", new { name = $"ООО «KPI {suffix}»" });
        var companyId = company.GetProperty("id").GetString()!;
        var wonStage = await WonStageAsync(token);
        string[] titles = [$"Станки {suffix}", $"Фрезы {suffix}"];
        foreach (var title in titles)
        {
            var deal = await suite.CallAsAsync(token, HttpMethod.Post, "/api/clients/v1/deals", new { title, companyId, amount = "100000.00", currency = "RUB" });
            await suite.CallAsAsync(token, HttpMethod.Post, $"/api/clients/v1/deals/{deal.GetProperty("id").GetString()}:move",
                new { stageId = wonStage, version = deal.GetProperty("version").GetString() });
        }
        for (var call = 1; call <= 3; call++)
        {
            var start = DateTime.UtcNow.AddHours(3).AddMinutes(-30 * call);
            var item = await suite.CallAsAsync(token, HttpMethod.Post, "/api/scheduling/v1/items", new
            {
                kind = "ITEM_KIND_CALL", title = $"Звонок {call} {suffix}", timeZone = "Europe/Moscow", companyId,
                start = start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                end = start.AddMinutes(10).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            });
            await suite.CallAsAsync(token, HttpMethod.Post, $"/api/scheduling/v1/items/{item.GetProperty("id").GetString()}:complete",
                new { version = item.GetProperty("version").GetString(), result = "Договорились о встрече" });
        }

        // The facts come through the outbox, the pub/sub emulator and the KPI's inbox after the calls answered.
        var period = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await WaitForFiguresAsync(token, period, managerId, ("deals_won_count", "2"), ("calls_made", "3"));

        // 100 % of the deals (weight 60) and 75 % of the calls (weight 40): 90 %; bonus 50 000 × 0.1 × 100 / 100 + 3 × 100 = 5 300.
        var page = await browser.NewPageAsync(suite.GatewayAddress);
        try
        {
            await page.GotoAsync("/kpi");
            await page.GetByTestId("login-username").FillAsync(managerName);
            await page.GetByTestId("login-password").FillAsync(ChosenPassword);
            await page.GetByTestId("login-submit").ClickAsync(new() { Timeout = 60_000 });
            await browser.InteractiveAsync(page);

            await Expect(page.GetByTestId("kpi-scheme")).ToContainTextAsync(schemeName);
            await Expect(page.GetByTestId("kpi-figure-deals_won_count")).ToHaveTextAsync("2");
            await Expect(page.GetByTestId("kpi-figure-calls_made")).ToHaveTextAsync("3");
            await Expect(page.GetByTestId("kpi-total")).ToHaveTextAsync("90%");
            await Expect(page.GetByTestId("kpi-bonus")).ToHaveTextAsync("5,300.00");

            // The figure opens the deals behind it, by title, each linking to the deal's company card (where deals open).
            await page.GetByTestId("kpi-figure-deals_won_count").ClickAsync();
            var facts = page.GetByTestId("kpi-facts");
            await Expect(facts.GetByTestId("kpi-fact-link")).ToHaveCountAsync(2);
            foreach (var title in titles)
            {
                await Expect(facts.GetByTestId("kpi-fact-link").GetByText(title, new() { Exact = true })).ToHaveCountAsync(1);
            }
            await Expect(facts.GetByTestId("kpi-fact-kind").First).ToHaveTextAsync("Deal won");
            await Expect(facts.GetByTestId("kpi-fact-company").First).ToHaveTextAsync($"ООО «KPI {suffix}»");
            Assert.DoesNotContain(managerId, await facts.InnerTextAsync(), StringComparison.Ordinal);

            await facts.GetByTestId("kpi-fact-link").GetByText(titles[0], new() { Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/clients/{companyId}$"));
            await Expect(page.GetByTestId("company-name")).ToHaveTextAsync($"ООО «KPI {suffix}»");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    /// <summary>Adds a measure row in the editor: the measure by name, its plan and weight.</summary>
    private static async Task AddMeasureAsync(IPage page, int row, string measure, string plan, string weight)
    {
        await page.GetByTestId("kpi-scheme-measure-add").ClickAsync();
        await Expect(page.GetByTestId("kpi-scheme-measure")).ToHaveCountAsync(row + 1);
        await page.GetByTestId("kpi-scheme-measure-code").Nth(row).ClickAsync();
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = measure }).First.ClickAsync();
        await Expect(page.GetByTestId("kpi-scheme-measure-code").Nth(row)).ToContainTextAsync(measure);
        foreach (var (testId, value) in new[] { ("kpi-scheme-measure-plan", plan), ("kpi-scheme-measure-weight", weight) })
        {
            var field = page.GetByTestId(testId).Nth(row);
            await field.FillAsync(value);
            await field.BlurAsync();
            await Expect(field).ToHaveValueAsync(value);
        }
    }

    /// <summary>The default pipeline's won stage, as the manager sees it.</summary>
    private async Task<string> WonStageAsync(string token)
    {
        var pipelines = await suite.CallAsAsync(token, HttpMethod.Get, "/api/clients/v1/pipelines");
        return pipelines.GetProperty("pipelines").EnumerateArray()
            .Where(p => !(p.TryGetProperty("archived", out var archived) && archived.GetBoolean()))
            .SelectMany(p => p.GetProperty("stages").EnumerateArray())
            .First(s => s.GetProperty("kind").GetString() == "STAGE_KIND_WON")
            .GetProperty("id").GetString()!;
    }

    /// <summary>Waits (bounded) until the KPI's results for the manager show these facts.</summary>
    private async Task WaitForFiguresAsync(string token, string period, string userId, params (string Measure, string Fact)[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var seen = "";
        while (DateTime.UtcNow < deadline)
        {
            var results = await suite.CallAsAsync(token, HttpMethod.Get, $"/api/kpi/v1/kpi/results?period={period}&userId={userId}");
            var measures = results.TryGetProperty("results", out var people) && people.GetArrayLength() > 0
                ? people[0].GetProperty("measures").EnumerateArray().ToDictionary(m => m.GetProperty("measureCode").GetString()!, m => Fact(m))
                : [];
            seen = string.Join(", ", measures.Select(m => $"{m.Key}={m.Value}"));
            if (expected.All(e => measures.TryGetValue(e.Measure, out var fact) && decimal.Parse(fact, CultureInfo.InvariantCulture) == decimal.Parse(e.Fact, CultureInfo.InvariantCulture)))
            {
                return;
            }
            await Task.Delay(500, Ct);
        }
        Assert.Fail($"The KPI did not show the manager's facts in time; it showed: {seen}");
    }

    private static string Fact(JsonElement measure) =>
        measure.TryGetProperty("fact", out var fact) && fact.GetString() is { Length: > 0 } value ? value : "0";
}
