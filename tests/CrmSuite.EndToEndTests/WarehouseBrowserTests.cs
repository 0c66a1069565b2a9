using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmSuite.EndToEndTests;

/// <summary>A storekeeper at the warehouse pages, in Chromium through the gateway: create, receive, reserve, ship, see.</summary>
public sealed class WarehouseBrowserTests
{
    /// <summary>The administrator's display name, shown in the header and wherever they did something.</summary>
    private const string AdministratorName = "Administrator";

    private readonly SuiteFixture suite;
    private readonly BrowserFixture browser;

    public WarehouseBrowserTests(SuiteFixture suite, BrowserFixture browser)
    {
        this.suite = suite;
        this.browser = browser;
    }

    [Fact]
    public async Task A_received_product_can_be_reserved_for_a_deal_and_shipped_and_its_card_shows_it_all()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var sku = $"E2E-{suffix}";
        var productName = $"Browser bolt {suffix}";
        // The deal the stock is for, picked in the forms by its title: nobody types its id.
        var company = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/companies", new { name = $"Bolt Buyer {suffix}" });
        var dealTitle = $"Bolts {suffix}";
        await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/clients/v1/deals",
            new { title = dealTitle, companyId = company.GetProperty("id").GetString(), amount = "1000.00", currency = "RUB" });
        var dealLabel = $"{dealTitle} — Bolt Buyer {suffix}";
        // The catalogue has no warehouse in a fresh suite; setting one up is the administrator's job, not the subject here.
        var site = await suite.CallAsAsync(suite.AdminToken, HttpMethod.Post, "/api/warehouse/v1/warehouse/warehouses",
            new { code = $"E2E{suffix}", name = $"E2E warehouse {suffix}" });
        var warehouseId = site.GetProperty("id").GetString()!;
        var warehouseName = site.GetProperty("name").GetString()!;

        var page = await SignInAsAdministratorAsync();
        try
        {
            // A new product.
            await browser.OpenAsync(page, "/warehouse/products");
            await page.GetByTestId("new-product").ClickAsync();
            await BrowserFixture.DialogReadyAsync(page, "product-form");
            await BrowserFixture.FillFieldAsync(page, "product-sku-input", sku);
            await BrowserFixture.FillFieldAsync(page, "product-name-input", productName);
            await page.GetByTestId("save-product").ClickAsync();
            var created = page.GetByTestId("product-sku");
            await Expect(created).ToHaveTextAsync(sku);
            var productUrl = new Uri(page.Url).PathAndQuery;

            // Receive 10: a new movement, the SKU scanned, posted.
            await browser.OpenAsync(page, "/warehouse/movements/new");
            await ChooseTypeAsync(page, "Receipt|Приход");
            await ChooseAsync(page, "movement-warehouse", warehouseName);
            await BrowserFixture.FillFieldAsync(page, "movement-supplier-input", "OOO Browser Supplies");
            await ScanAsync(page, sku);
            var line = page.GetByTestId("movement-line").Filter(new() { Has = page.GetByTestId("line-sku").GetByText(sku, new() { Exact = true }) });
            await Expect(line).ToHaveCountAsync(1);
            await Expect(line.GetByTestId("line-quantity")).ToHaveValueAsync("1");
            await BrowserFixture.FillFieldAsync(page, "line-quantity", "10");
            await BrowserFixture.FillFieldAsync(page, "line-unit-cost", "100");
            await page.GetByTestId("movement-post").ClickAsync();
            await Expect(page.GetByTestId("movement-status")).ToHaveTextAsync(new Regex("Posted|Проведено"));
            await Expect(page.GetByTestId("movement-posted-by")).ToHaveTextAsync(AdministratorName);

            // The product card: 10 on hand, the receipt in the history.
            await browser.OpenAsync(page, productUrl);
            var level = page.Locator($"[data-testid=level-row][data-warehouse-id='{warehouseId}']");
            await Expect(level.GetByTestId("level-on-hand")).ToHaveTextAsync("10");
            await Expect(level.GetByTestId("level-available")).ToHaveTextAsync("10");
            var receipt = page.Locator("[data-testid=history-row][data-movement-type=Receipt]");
            await Expect(receipt).ToHaveCountAsync(1);
            await Expect(receipt.GetByTestId("history-quantity")).ToHaveTextAsync("10");

            // Reserve 4 for a deal: 6 left available.
            await ChooseDealAsync(page, "reserve-deal-input", suffix, dealLabel);
            await ChooseAsync(page, "reserve-warehouse", warehouseName);
            await BrowserFixture.FillFieldAsync(page, "reserve-quantity-input", "4");
            await page.GetByTestId("reserve-submit").ClickAsync();
            await Expect(level.GetByTestId("level-reserved")).ToHaveTextAsync("4");
            await Expect(level.GetByTestId("level-available")).ToHaveTextAsync("6");
            await Expect(level.GetByTestId("level-on-hand")).ToHaveTextAsync("10");

            // More than is available is refused with the service's own words.
            await BrowserFixture.FillFieldAsync(page, "reserve-quantity-input", "7");
            await page.GetByTestId("reserve-submit").ClickAsync();
            await Expect(page.GetByTestId("reserve-refusal-message")).ToContainTextAsync("requested 7, available 6");

            // Ship 3 for the deal.
            await browser.OpenAsync(page, "/warehouse/movements/new");
            await ChooseTypeAsync(page, "Shipment|Отгрузка");
            await ChooseAsync(page, "movement-warehouse", warehouseName);
            await ChooseDealAsync(page, "movement-deal-input", suffix, dealLabel);
            await Expect(page.GetByTestId("movement-company-input")).ToHaveValueAsync($"Bolt Buyer {suffix}");
            await ScanAsync(page, sku);
            await Expect(page.GetByTestId("movement-line")).ToHaveCountAsync(1);
            await BrowserFixture.FillFieldAsync(page, "line-quantity", "3");
            await page.GetByTestId("movement-post").ClickAsync();
            await Expect(page.GetByTestId("movement-status")).ToHaveTextAsync(new Regex("Posted|Проведено"));
            await Expect(page.GetByTestId("movement-deal")).ToHaveTextAsync(dealLabel);

            // The card again: 7 on hand, the shipment in the history with who posted it.
            await browser.OpenAsync(page, productUrl);
            await Expect(level.GetByTestId("level-on-hand")).ToHaveTextAsync("7");
            var shipment = page.Locator("[data-testid=history-row][data-movement-type=Shipment]");
            await Expect(shipment).ToHaveCountAsync(1);
            await Expect(shipment.GetByTestId("history-quantity")).ToHaveTextAsync("3");
            await Expect(shipment.GetByTestId("history-posted-by")).ToHaveTextAsync(AdministratorName);
            await Expect(shipment.GetByTestId("history-posted-at")).ToBeVisibleAsync();
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(await browser.DescribeAsync(page), ex);
        }
    }

    private Task<IPage> SignInAsAdministratorAsync() => browser.SignInAsAdministratorAsync(suite.GatewayAddress, "/warehouse");

    /// <summary>The movement type is a row of buttons, labelled in the user's language.</summary>
    private static Task ChooseTypeAsync(IPage page, string labels) =>
        page.GetByTestId("movement-type").GetByText(new Regex($"^({labels})$")).ClickAsync();

    /// <summary>Opens a drop-down and picks the option with this text, as a person does.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string text)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = text }).First.ClickAsync();
        await Expect(page.GetByTestId(testId)).ToContainTextAsync(text);
    }

    /// <summary>Opens a deal picker, types a word of the deal's title into its search, and picks the deal by its title and company.</summary>
    private static async Task ChooseDealAsync(IPage page, string testId, string word, string label)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".rz-dropdown-filter:visible").PressSequentiallyAsync(word, new() { Delay = 50 });
        await page.Locator(".rz-dropdown-item:visible", new() { HasText = label }).First.ClickAsync();
        await Expect(page.GetByTestId(testId)).ToContainTextAsync(label);
    }

    /// <summary>What a barcode scanner does: types the code into the focused field and presses Enter.</summary>
    private static async Task ScanAsync(IPage page, string code)
    {
        var scan = page.GetByTestId("movement-scan");
        await scan.FillAsync(code);
        await scan.PressAsync("Enter");
        await Expect(scan).ToHaveValueAsync("");
    }

}
