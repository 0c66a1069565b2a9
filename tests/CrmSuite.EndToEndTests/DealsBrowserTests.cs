using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>A salesperson with a deal, in Chromium through the gateway: create it on the company's card, drag it along the board, see its history.</summary>
public sealed class DealsBrowserTests(SuiteFixture suite, BrowserFixture browser)
{
    private const string AdministratorName = "Administrator";

    [Fact]
    public async Task A_deal_created_for_a_company_can_be_dragged_to_the_next_stage_and_stays_there_with_its_history()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var title = $"Browser deal {suffix}";
        var company = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/companies", new { name = $"Deal Browser Client {suffix}" });
        var companyId = company.GetProperty("id").GetString()!;
        // The migration's default pipeline is the first one the board shows.
        var pipeline = (await suite.CallAsAsync(suite.AdminToken, HttpMethod.Get, "/api/clients/v1/pipelines")).GetProperty("pipelines")[0];
        var first = pipeline.GetProperty("stages")[0];
        var second = pipeline.GetProperty("stages")[1];
        var firstColumn = $"stage-column-{first.GetProperty("id").GetString()}";
        var secondColumn = $"stage-column-{second.GetProperty("id").GetString()}";

        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/deals");
        try
        {
            // A new deal from the company's card.
            await browser.OpenAsync(page, $"/clients/{companyId}");
            await page.GetByTestId("tab-deals").ClickAsync();
            await page.GetByTestId("new-company-deal").ClickAsync();
            await BrowserFixture.DialogReadyAsync(page, "deal-form");
            await BrowserFixture.FillFieldAsync(page, "deal-title-input", title);
            await BrowserFixture.FillFieldAsync(page, "deal-amount-input", "125000");
            await page.GetByTestId("save-deal").ClickAsync();
            var row = page.GetByTestId("deal-row-title").GetByText(title, new() { Exact = true });
            await Expect(row).ToBeVisibleAsync();
            var deals = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Get, $"/api/clients/v1/deals?companyId={companyId}");
            var dealId = deals.GetProperty("deals")[0].GetProperty("id").GetString()!;

            // On the board it is in the first stage; drag it to the next one.
            await browser.OpenAsync(page, "/deals");
            var card = page.GetByTestId($"deal-card-{dealId}");
            await Expect(page.GetByTestId(firstColumn).GetByTestId($"deal-card-{dealId}")).ToBeVisibleAsync();
            await Expect(card.GetByTestId("deal-card-company")).ToHaveTextAsync($"Deal Browser Client {suffix}");
            await card.DragToAsync(page.GetByTestId(secondColumn));
            await Expect(page.GetByTestId(secondColumn).GetByTestId($"deal-card-{dealId}")).ToBeVisibleAsync();

            // After a reload the service's state is shown: still in the second stage.
            await browser.OpenAsync(page, "/deals");
            await Expect(page.GetByTestId(secondColumn).GetByTestId($"deal-card-{dealId}")).ToBeVisibleAsync();
            await Expect(page.GetByTestId(firstColumn).GetByTestId($"deal-card-{dealId}")).ToHaveCountAsync(0);

            // Its stage history shows the move, by whom.
            await page.GetByTestId($"deal-card-{dealId}").ClickAsync();
            var history = page.GetByTestId("deal-history-row");
            await Expect(history).ToHaveCountAsync(2);
            await Expect(history.Nth(1).GetByTestId("history-from")).ToHaveTextAsync(first.GetProperty("name").GetString()!);
            await Expect(history.Nth(1).GetByTestId("history-to")).ToHaveTextAsync(second.GetProperty("name").GetString()!);
            await Expect(history.Nth(1)).ToContainTextAsync(AdministratorName);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    [Fact]
    public async Task One_click_opens_a_deal_on_the_board_and_in_the_list()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var title = $"One click {suffix}";
        var company = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/companies", new { name = $"One Click Client {suffix}" });
        var deal = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/deals",
            new { title, companyId = company.GetProperty("id").GetString(), amount = "1000.00", currency = "RUB" });
        var dealId = deal.GetProperty("id").GetString()!;

        var page = await browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/deals");
        try
        {
            // The board: one click on the card.
            await page.GetByTestId($"deal-card-{dealId}").ClickAsync(new() { ClickCount = 1 });
            await Expect(page.GetByTestId("deal-form")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("deal-title-input")).ToHaveValueAsync(title);
            await page.GetByTestId("cancel-deal").ClickAsync();
            await Expect(page.GetByTestId("deal-form")).ToHaveCountAsync(0);

            // The list: one click on the row.
            await page.GetByTestId("view-list").ClickAsync();
            await page.GetByTestId("deals-search").PressSequentiallyAsync(suffix, new() { Delay = 30 });
            var row = page.GetByTestId("deal-row-title").GetByText(title, new() { Exact = true });
            await Expect(page.GetByTestId("deal-row-title")).ToHaveCountAsync(1);
            await row.ClickAsync(new() { ClickCount = 1 });
            await Expect(page.GetByTestId("deal-form")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("deal-title-input")).ToHaveValueAsync(title);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }
}
